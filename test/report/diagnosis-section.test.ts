import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/analysis/diagnosis/index.js';
import { diagnosisSection } from '../../src/report/diagnosis-section.js';
import { controls, healthyWeb, input, probe, status } from '../analysis/diagnosis-fixtures.js';

const outage = diagnose(
  input(
    [probe({ id: 'api-timeline', surface: 'api', samples: 30, classes: { http_5xx: 18, slow: 1 }, evidence: { statuses: [status('http_5xx', 503, 'Service Unavailable', 18)] } }), ...healthyWeb()],
    controls(true, true),
  ),
);

describe('diagnosisSection', () => {
  it('states each surface, its layer and evidence, the prober and what it is consistent with', () => {
    expect(diagnosisSection(outage, 200)).toEqual([
      'diagnosis  api     DOWN at the origin — 18 of 30 samples (api-timeline): 503 Service Unavailable in 3ms p50 after clean connects',
      '                   also latency: 1 of 30 samples (api-timeline): slower than their maxLatency',
      '           web     up',
      '           prober  healthy (2/2 controls)',
      '           consistent with an application fault behind a working network',
    ]);
  });

  it('wraps to the terminal width', () => {
    const lines = diagnosisSection(outage, 80);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('503 Service Unavailable in 3ms p50 after clean connects');
  });

  it('never lets a server drive the terminal', () => {
    const hostile = diagnose(input([probe({ id: 'a', surface: 'api', samples: 1, classes: { http_5xx: 1 }, evidence: { statuses: [status('http_5xx', 500, '\u001b[2J\u0007boom', 1)] } })]));
    const text = diagnosisSection(hostile, 120).join('\n');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('boom');
  });

  it('an unhealthy prober and no controls read plainly; unprobed surfaces are left out', () => {
    const unhealthy = diagnose(input([probe({ id: 'a', surface: 'api', samples: 2, classes: { connect: 2 } })], controls(false, false)));
    const lines = diagnosisSection(unhealthy, 120);
    expect(lines).toContain('           prober  UNHEALTHY (0/2 controls)');
    expect(lines.some((l) => l.includes('web'))).toBe(false);
    expect(diagnosisSection(diagnose(input(healthyWeb())), 120)).toContain('           prober  unchecked (no controls)');
  });
});
