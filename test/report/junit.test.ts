// The JUnit report, parsed back by a real XML parser: the structure CI test-report readers use.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junitReporter } from '../../src/report/junit.js';
import { HOSTILE_BODY, HOSTILE_VANTAGE, hostileRun, type HostileRun } from './hostile-run.js';

/** Attributes, as the parser hands them over (prefix ''). */
type Attributes = Record<string, string | undefined>;
interface TestCase {
  name?: string;
  classname?: string;
  time?: string;
  failure?: Attributes & { '#text'?: string };
  flakyFailure?: Attributes;
  'system-out'?: string;
}
interface TestSuite {
  name?: string;
  timestamp?: string;
  hostname?: string;
  properties: { property: Attributes[] };
  testcase: TestCase[];
}

let run: HostileRun;
let xml: string;
beforeAll(async () => {
  run = await hostileRun();
  xml = junitReporter.render(run.result, { color: false, columns: 80 });
});
afterAll(() => run.server.close());

function parse(text: string): { testsuites: { name?: string; testsuite: TestSuite[] } } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    htmlEntities: true, // numeric character references (&#10;) are XML too
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(text) as { testsuites: { name?: string; testsuite: TestSuite[] } };
}

describe('junit reporter', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
  });

  it('has one testsuite per surface and one testcase per probe, with consistent counts', () => {
    const { testsuites } = parse(xml);
    expect(testsuites).toMatchObject({ name: 'upprobe', tests: '4', failures: '2', errors: '0' });
    expect(testsuites.testsuite.map((s) => s.name)).toEqual(['api', 'web']);
    const [api, web] = testsuites.testsuite;
    expect(api).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '0' });
    expect(api?.testcase.map((c) => c.name)).toEqual(['api-hostile', 'api-ok', 'api-flaky']);
    expect(api?.testcase.every((c) => c.classname === 'upprobe.api' && /^\d+\.\d{3}$/.test(c.time ?? ''))).toBe(true);
    expect(web).toMatchObject({ tests: '1', failures: '1' });
    expect(api?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/); // the Ant schema's zone-less form
  });

  it('a failed probe carries its class, its count and an example message, escaped and read back intact', () => {
    const [api, web] = parse(xml).testsuites.testsuite;
    const hostile = api?.testcase[0];
    expect(hostile?.failure?.type).toBe('assertion');
    expect(hostile?.failure?.message).toMatch(/^2\/2 samples failed \(assertion×2\); successRate 0% below the limit 100%$/);
    const body = hostile?.failure?.['#text'] ?? '';
    expect(body).toContain('assertion ×2');
    // The body excerpt survives the round trip, with the one character XML cannot carry replaced.
    expect(body).toContain(HOSTILE_BODY.replace('\u0001', '\uFFFD'));
    const down = web?.testcase[0];
    expect(down?.failure).toMatchObject({ type: 'http_5xx' });
    expect(down?.failure?.['#text']).toMatch(/http_5xx ×2 http:\/\/127\.0\.0\.1:\d+\/down: 503 Service Unavailable/);
    expect(api?.testcase[1]?.failure).toBeUndefined();
  });

  it('a probe that passed only on retries carries a flakyFailure, not a failure', () => {
    const flaky = parse(xml).testsuites.testsuite[0]?.testcase[2];
    expect(flaky?.failure).toBeUndefined();
    expect(flaky?.flakyFailure).toMatchObject({ type: 'flaky', message: '2/2 samples passed only on a retry' });
    expect(flaky?.['system-out']).toMatch(/flaky 2/);
  });

  it('keeps the vantage, line break included, in the properties', () => {
    const [api] = parse(xml).testsuites.testsuite;
    expect(api?.properties.property.find((p) => p.name === 'vantage')?.value).toBe(HOSTILE_VANTAGE);
    expect(api?.hostname).toBe(HOSTILE_VANTAGE);
  });
});
