import { describe, expect, it } from 'vitest';
import { CONSISTENT_WITH, diagnose } from '../../src/analysis/diagnosis/index.js';
import { EDGE, controls, healthyWeb, input, probe, status } from './diagnosis-fixtures.js';

const api = (id: string, samples: number, extra: Omit<Parameters<typeof probe>[0], 'id' | 'surface' | 'samples'> = {}) =>
  probe({ id, surface: 'api', samples, ...extra });

describe('an application fault: fast 5xx over clean connects', () => {
  const run = input(
    [
      api('api-health', 10, { classes: { http_5xx: 6 }, evidence: { statuses: [status('http_5xx', 503, 'Service Unavailable', 6)] } }),
      api('api-timeline', 10, { classes: { http_5xx: 7 }, evidence: { statuses: [status('http_5xx', 503, 'Service Unavailable', 7)] } }),
      api('api-notifications', 10, { classes: { http_5xx: 5 }, evidence: { statuses: [status('http_5xx', 503, 'Service Unavailable', 5)] } }),
      ...healthyWeb(),
    ],
    controls(true, true),
  );
  const diagnosis = diagnose(run);

  it('api is down at the origin, web up, the prober healthy', () => {
    expect(diagnosis.surfaces.api).toMatchObject({ state: 'down', layer: 'origin', failureRate: 0.6 });
    expect(diagnosis.surfaces.web).toEqual({ state: 'up', layer: null, failureRate: 0, evidence: [] });
    expect(diagnosis.prober).toEqual({ healthy: true, controls: { passed: 2, total: 2 }, reasons: [] });
  });

  it('the evidence has the numbers a person can check', () => {
    expect(diagnosis.surfaces.api.evidence).toEqual([
      '18 of 30 samples (api-timeline, api-health, api-notifications): 503 Service Unavailable in 3ms p50 after clean connects',
    ]);
  });

  it('is consistent with an application fault; the headline says where', () => {
    expect(diagnosis.consistentWith).toEqual([CONSISTENT_WITH.applicationFault]);
    expect(diagnosis.headline).toBe('api down at the origin · web up · prober healthy');
  });

  it('is pure: the same input gives the same output and is not changed', () => {
    const before = JSON.stringify(run);
    expect(diagnose(run)).toEqual(diagnosis);
    expect(JSON.stringify(run)).toBe(before);
  });
});

describe('down starts at exactly 50%', () => {
  const at = (failed: number) =>
    diagnose(input([api('api-timeline', 100, { classes: { http_5xx: failed }, evidence: { statuses: [status('http_5xx', 500, 'Internal Server Error', failed)] } }), ...healthyWeb()]));

  it('49 of 100 failed: degraded', () => {
    expect(at(49).surfaces.api).toMatchObject({ state: 'degraded', layer: 'origin', failureRate: 0.49 });
  });

  it('50 of 100 failed: down', () => {
    expect(at(50).surfaces.api).toMatchObject({ state: 'down', layer: 'origin', failureRate: 0.5 });
  });

  it('failed samples within every threshold: up, the failures still mentioned', () => {
    const d = diagnose(input([api('api-notifications', 20, { classes: { http_5xx: 1 }, passed: true }), ...healthyWeb()]));
    expect(d.surfaces.api.state).toBe('up');
    expect(d.surfaces.api.layer).toBeNull();
    expect(d.surfaces.api.evidence).toEqual(["1 of 20 samples failed, within every probe's thresholds"]);
  });

  it('the failure rate is the one summary.surfaces holds, not recomputed', () => {
    const run = input([api('api-timeline', 10, { classes: { http_5xx: 5 } })]);
    run.surfaces.api.failureRate = 0.4; // as if the summary said so: the diagnosis follows it
    expect(diagnose(run).surfaces.api).toMatchObject({ state: 'degraded', failureRate: 0.4 });
  });
});

describe('the edge', () => {
  it("an edge's own challenge is the edge", () => {
    const headers = { ...EDGE, 'x-upprobe-mitigated': 'challenge', 'x-upprobe-generated': 'edge' };
    const d = diagnose(input([probe({ id: 'web-home', surface: 'web', samples: 10, classes: { http_4xx: 10 }, evidence: { statuses: [status('http_4xx', 403, 'Forbidden', 10, headers)] } })]));
    expect(d.surfaces.web).toMatchObject({ state: 'down', layer: 'edge' });
    expect(d.surfaces.web.evidence).toEqual(['10 of 10 samples (web-home): 403 Forbidden: a challenge from upprobe-edge (LO1)']);
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.botProtection]);
    expect(d.headline).toBe('web down at the edge');
  });

  it("Cloudflare's challenge on a status that was otherwise only an assertion (202)", () => {
    const d = diagnose(input([api('api-timeline', 4, { classes: { assertion: 4 }, evidence: { statuses: [status('assertion', 202, 'Accepted', 4, { 'x-amz-cf-id': 'x', 'x-amzn-waf-action': 'challenge' })] } })]));
    expect(d.surfaces.api.layer).toBe('edge');
  });

  it('a 429 from an edge is the edge, with its retry-after', () => {
    const d = diagnose(input([api('api-timeline', 10, { classes: { http_4xx: 6 }, evidence: { statuses: [status('http_4xx', 429, 'Too Many Requests', 6, { ...EDGE, 'retry-after': '1' })] } }), ...healthyWeb()]));
    expect(d.surfaces.api).toMatchObject({ state: 'down', layer: 'edge' });
    expect(d.surfaces.api.evidence[0]).toBe('6 of 10 samples (api-timeline): 429 Too Many Requests from upprobe-edge (LO1), retry-after 1');
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.rateLimited]);
  });

  it('a 429 with no edge recognised is the service itself', () => {
    const d = diagnose(input([api('api-timeline', 10, { classes: { http_4xx: 6 }, evidence: { statuses: [status('http_4xx', 429, 'Too Many Requests', 6, { server: 'nginx' })] } })]));
    expect(d.surfaces.api.layer).toBe('origin');
    expect(d.surfaces.api.evidence[0]).toContain('from the service itself (no edge recognised)');
  });

  it("a 403 the edge made itself (Akamai's own page) is the edge; an origin's 403 through it is content", () => {
    const own = diagnose(input([api('a', 2, { classes: { http_4xx: 2 }, evidence: { statuses: [status('http_4xx', 403, 'Forbidden', 2, { server: 'AkamaiGHost' })] } })]));
    expect(own.surfaces.api.layer).toBe('edge');
    expect(own.consistentWith).toEqual([CONSISTENT_WITH.edgeRefusing]);
    const passed = diagnose(input([api('a', 2, { classes: { http_4xx: 2 }, evidence: { statuses: [status('http_4xx', 403, 'Forbidden', 2, { 'x-akamai-request-id': 'r1' })] } })]));
    expect(passed.surfaces.api.layer).toBe('content');
  });

  it("an edge's 52x is the origin, with the edge named", () => {
    const d = diagnose(input([api('api-health', 10, { classes: { http_5xx: 10 }, evidence: { statuses: [status('http_5xx', 521, '', 10, EDGE)] } }), ...healthyWeb()]));
    expect(d.surfaces.api).toMatchObject({ state: 'down', layer: 'origin' });
    expect(d.surfaces.api.evidence).toEqual(['10 of 10 samples (api-health): 521 from upprobe-edge (LO1): the edge could not reach or hear from the origin']);
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.edgeCannotReachOrigin]);
  });

  it("Cloudflare's 522 and a 502 with Fastly's headers read the same way", () => {
    const cf = diagnose(input([api('a', 2, { classes: { http_5xx: 2 }, evidence: { statuses: [status('http_5xx', 522, '', 2, { 'cf-ray': '8f-AMS' })] } })]));
    expect(cf.surfaces.api.evidence[0]).toContain('522 from Cloudflare (AMS): the edge could not reach');
    const fastly = diagnose(input([api('a', 2, { classes: { http_5xx: 2 }, evidence: { statuses: [status('http_5xx', 502, 'Bad Gateway', 2, { 'x-served-by': 'cache-fra1-FRA' })] } })]));
    expect(fastly.surfaces.api.evidence[0]).toContain('502 Bad Gateway from Fastly (FRA)');
  });

  it('a 503 through an edge is an origin 5xx that names the edge', () => {
    const d = diagnose(input([api('a', 2, { classes: { http_5xx: 2 }, evidence: { statuses: [status('http_5xx', 503, 'Service Unavailable', 2, { 'cf-ray': '1-LHR' })] } })]));
    expect(d.surfaces.api.layer).toBe('origin');
    expect(d.surfaces.api.evidence[0]).toBe('2 of 2 samples (a): 503 Service Unavailable in 3ms p50 through Cloudflare (LHR) after clean connects');
  });
});

describe('below HTTP', () => {
  it('connections refused at every address: network, nothing listening', () => {
    const evidence = { connect: { refused: 10, unanswered: 0, unreachable: 0 }, addresses: { answered: [], failed: ['127.0.0.1:8081'] } };
    const d = diagnose(input([api('api-health', 5, { classes: { connect: 5 }, evidence }), api('api-timeline', 5, { classes: { connect: 5 }, evidence }), ...healthyWeb()], controls(true, true)));
    expect(d.surfaces.api).toMatchObject({ state: 'down', layer: 'network' });
    expect(d.surfaces.api.evidence).toEqual(['10 of 10 samples (api-health, api-timeline): connection refused at every address tried (127.0.0.1:8081)']);
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.notListening]);
    expect(d.headline).toBe('api down in the network · web up · prober healthy');
  });

  it('connects unanswered at every address: a flood or a routing failure', () => {
    const d = diagnose(input([api('api-health', 4, { classes: { connect: 4 }, evidence: { connect: { refused: 0, unanswered: 4, unreachable: 0 }, addresses: { answered: [], failed: ['192.0.2.1:443', '192.0.2.2:443'] } } })]));
    expect(d.surfaces.api.layer).toBe('network');
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.floodOrRouting]);
    expect(d.surfaces.api.evidence[0]).toContain('at every address tried (192.0.2.1:443, 192.0.2.2:443)');
  });

  it('refused at one address while another answers: some addresses out of service', () => {
    const d = diagnose(input([api('api-health', 4, { classes: { connect: 2 }, evidence: { connect: { refused: 2, unanswered: 0, unreachable: 0 }, addresses: { answered: ['10.0.0.1:80'], failed: ['10.0.0.2:80'] } } })]));
    expect(d.surfaces.api).toMatchObject({ state: 'down', layer: 'network' });
    expect(d.surfaces.api.evidence[0]).toContain('at 1 of 2 addresses (10.0.0.2:80)');
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.someAddresses]);
  });

  it('a service that answered earlier and now refuses at every address is not "some addresses"', () => {
    const d = diagnose(input([api('api-health', 4, { classes: { connect: 2 }, evidence: { connect: { refused: 2, unanswered: 0, unreachable: 0 }, addresses: { answered: ['10.0.0.1:80'], failed: ['[2001:db8::1]:80', '10.0.0.1:80'] } } })]));
    expect(d.consistentWith).not.toContain(CONSISTENT_WITH.someAddresses);
  });

  it('one address that refused and answered in turn is not "some addresses out of service"', () => {
    const d = diagnose(input([api('api-health', 4, { classes: { connect: 2 }, evidence: { connect: { refused: 2, unanswered: 0, unreachable: 0 }, addresses: { answered: ['10.0.0.1:80'], failed: ['10.0.0.1:80'] } } })]));
    expect(d.surfaces.api.layer).toBe('network');
    expect(d.consistentWith).not.toContain(CONSISTENT_WITH.someAddresses);
  });

  it('a reset before any response is network; one after the answer began is the origin', () => {
    const before = diagnose(input([api('a', 2, { classes: { reset: 2 }, evidence: { resets: { beforeResponse: 2, afterResponse: 0 } } })]));
    expect(before.surfaces.api.layer).toBe('network');
    const after = diagnose(input([api('a', 2, { classes: { reset: 2 }, evidence: { resets: { beforeResponse: 0, afterResponse: 2 } } })]));
    expect(after.surfaces.api.layer).toBe('origin');
  });

  it('dns failures are dns: NXDOMAIN a missing record, SERVFAIL the servers', () => {
    const nx = diagnose(input([api('api-health', 3, { classes: { dns: 3 }, evidence: { dns: { notFound: 3, serverFailure: 0, timedOut: 0 } } })]));
    expect(nx.surfaces.api).toMatchObject({ state: 'down', layer: 'dns' });
    expect(nx.consistentWith).toEqual([CONSISTENT_WITH.dnsRecordMissing]);
    const servfail = diagnose(input([api('api-health', 3, { classes: { dns: 3 }, evidence: { dns: { notFound: 0, serverFailure: 3, timedOut: 0 } } })]));
    expect(servfail.consistentWith).toEqual([CONSISTENT_WITH.dnsServersFailing]);
    expect(servfail.headline).toBe('api down in DNS');
  });

  it('certificate failures are tls; an expiring certificate says so', () => {
    const rejected = diagnose(input([api('a', 3, { classes: { tls: 3 }, evidence: { tls: { certificate: 3, expiringSoon: 0, handshake: 0 } } })]));
    expect(rejected.surfaces.api.layer).toBe('tls');
    expect(rejected.consistentWith).toEqual([CONSISTENT_WITH.certificateProblem]);
    const expiring = diagnose(input([api('a', 3, { classes: { tls: 3 }, evidence: { tls: { certificate: 0, expiringSoon: 3, handshake: 0 } } })]));
    expect(expiring.consistentWith).toEqual([CONSISTENT_WITH.certificateExpiring]);
    expect(expiring.headline).toBe('api down at TLS');
  });

  it('connected, then no answer: the origin, stalled', () => {
    const d = diagnose(input([api('a', 5, { classes: { timeout: 5 }, evidence: { timeouts: { handshake: 0, answer: 5 } } })]));
    expect(d.surfaces.api.layer).toBe('origin');
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.applicationStalled]);
  });
});

describe('sign-in', () => {
  const flow = (steps: Record<string, Partial<Record<'http_5xx' | 'http_4xx' | 'slow' | 'capture' | 'connect', number>>>, credentialStep: number | null = 1) =>
    probe({
      id: 'login',
      kind: 'flow',
      surface: 'web',
      samples: 5,
      classes: Object.values(steps).reduce<Record<string, number>>((all, classes) => {
        for (const [cls, n] of Object.entries(classes)) all[cls] = (all[cls] ?? 0) + n;
        return all;
      }, {}),
      evidence: { flow: { credentialStep, steps: Object.entries(steps).map(([id, failuresByClass]) => ({ id, failuresByClass })) } },
    });

  it('a flow failing at the step that sends the credentials while the other web probes pass: auth', () => {
    const d = diagnose(input([flow({ form: {}, submit: { http_5xx: 5 }, me: {} }), ...healthyWeb()]));
    expect(d.surfaces.web).toMatchObject({ state: 'degraded', layer: 'auth' });
    expect(d.surfaces.web.evidence[0]).toBe(
      "5 of 25 samples (login): failed at step submit, which sends the credentials or follows that step, while the surface's other probes passed",
    );
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.signInFault]);
    expect(d.headline).toBe('web degraded at sign-in');
  });

  it('failing at a later step is auth too', () => {
    expect(diagnose(input([flow({ form: {}, submit: {}, me: { http_4xx: 5 } }), ...healthyWeb()])).surfaces.web.layer).toBe('auth');
  });

  it('failing before the credential step is not auth', () => {
    expect(diagnose(input([flow({ form: { capture: 5 }, submit: {}, me: {} }), ...healthyWeb()])).surfaces.web.layer).toBe('content');
  });

  it('not auth when another probe of the surface fails too', () => {
    const broken = probe({ id: 'web-home', surface: 'web', samples: 5, classes: { http_5xx: 5 } });
    expect(diagnose(input([flow({ form: {}, submit: { http_5xx: 5 }, me: {} }), broken])).surfaces.web.layer).toBe('origin');
  });

  it('a slow sign-in is latency, a refused one network, whatever the step', () => {
    expect(diagnose(input([flow({ form: {}, submit: { slow: 5 }, me: {} }), ...healthyWeb()])).surfaces.web.layer).toBe('latency');
    expect(diagnose(input([flow({ form: {}, submit: { connect: 5 }, me: {} }), ...healthyWeb()])).surfaces.web.layer).toBe('network');
  });

  it('a flow with no credential step is never auth', () => {
    expect(diagnose(input([flow({ form: {}, submit: { http_5xx: 5 }, me: {} }, null), ...healthyWeb()])).surfaces.web.layer).toBe('origin');
  });
});

describe('content and latency', () => {
  it('assertions, captures and broken links or images are content', () => {
    const d = diagnose(
      input([
        probe({ id: 'home-links', kind: 'links', surface: 'web', samples: 10, classes: { http_4xx: 3, redirect: 1 }, evidence: { statuses: [status('http_4xx', 404, 'Not Found', 3)] } }),
        probe({ id: 'web-home', surface: 'web', samples: 10, classes: { assertion: 2 } }),
      ]),
    );
    expect(d.surfaces.web).toMatchObject({ state: 'degraded', layer: 'content' });
    expect(d.surfaces.web.evidence).toEqual([
      '3 of 20 samples (home-links): 404 Not Found',
      '2 of 20 samples (web-home): failed a check (assertion)',
      '1 of 20 samples (home-links): failed a check (redirect)',
    ]);
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.contentChanged]);
  });

  it('only slow samples: latency', () => {
    const d = diagnose(input([api('api-timeline', 10, { classes: { slow: 10 } }), ...healthyWeb()]));
    expect(d.surfaces.api).toMatchObject({ state: 'down', layer: 'latency' });
    expect(d.headline).toBe('api down by slowness · web up');
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.slowness]);
  });

  it('a p95 threshold failed with no failed sample: degraded by latency', () => {
    const d = diagnose(input([api('api-timeline', 10, { passed: false, failedThresholds: [{ name: 'p95', limit: 800, actual: 1203.5 }] })]));
    expect(d.surfaces.api).toMatchObject({ state: 'degraded', layer: 'latency' });
    expect(d.surfaces.api.evidence).toEqual(['api-timeline: p95 1203.5ms over its 800ms limit, no sample failed']);
  });
});

describe('mixed failures', () => {
  it('name the dominant layer and list the others in evidence', () => {
    const d = diagnose(
      input([
        api('api-timeline', 20, { classes: { http_5xx: 10, connect: 4, slow: 1 }, evidence: { statuses: [status('http_5xx', 503, 'Service Unavailable', 10)], connect: { refused: 4, unanswered: 0, unreachable: 0 } } }),
      ]),
    );
    expect(d.surfaces.api.layer).toBe('origin');
    expect(d.surfaces.api.evidence).toEqual([
      '10 of 20 samples (api-timeline): 503 Service Unavailable in 3ms p50',
      'also network: 4 of 20 samples (api-timeline): connection refused',
      'also latency: 1 of 20 samples (api-timeline): slower than their maxLatency',
    ]);
    // Connects were not all clean: no claim about a working network.
    expect(d.consistentWith).toEqual([]);
  });

  it('a tie goes to the lower layer, which the upper one sits on', () => {
    const d = diagnose(input([api('a', 10, { classes: { http_5xx: 3, connect: 3 }, evidence: { connect: { refused: 3, unanswered: 0, unreachable: 0 } } })]));
    expect(d.surfaces.api.layer).toBe('network');
  });

  it('both surfaces failing at one layer: one shared fault', () => {
    const statuses = [status('http_5xx', 521, '', 4, EDGE)];
    const d = diagnose(input([api('a', 4, { classes: { http_5xx: 4 }, evidence: { statuses } }), probe({ id: 'w', surface: 'web', samples: 4, classes: { http_5xx: 4 }, evidence: { statuses } })]));
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.sharedFault, CONSISTENT_WITH.edgeCannotReachOrigin]);
    expect(d.headline).toBe('api down at the origin · web down at the origin');
  });

  it('flaky-only failures: up, the retries in evidence, no layer', () => {
    const d = diagnose(input([api('api-timeline', 20, { flaky: 3 }), ...healthyWeb()]));
    expect(d.surfaces.api).toEqual({ state: 'up', layer: null, failureRate: 0, evidence: ['3 of 20 samples passed only on a retry'] });
    expect(d.consistentWith).toEqual([]);
    expect(d.headline).toBe('api up · web up');
  });

  it('a surface no probe ran on is unprobed and left out of the headline', () => {
    const d = diagnose(input([api('api-health', 3)], controls(true)));
    expect(d.surfaces.web).toEqual({ state: 'unprobed', layer: null, failureRate: 0, evidence: [] });
    expect(d.headline).toBe('api up · prober healthy');
  });
});

describe('the prober', () => {
  const failing = [api('api-health', 10, { classes: { connect: 10 }, evidence: { connect: { refused: 0, unanswered: 10, unreachable: 0 } } }), ...healthyWeb()];

  it('one control of two failing: still healthy (at least half passed), the failure a reason', () => {
    const d = diagnose(input(failing, controls(true, false)));
    expect(d.prober).toEqual({ healthy: true, controls: { passed: 1, total: 2 }, reasons: ['control http://127.0.0.1:9001/ failed (connect)'] });
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.floodOrRouting]);
  });

  it('fewer than half passed: unhealthy, failures not blamed on the service', () => {
    const d = diagnose(input(failing, controls(false, false, true)));
    expect(d.prober).toMatchObject({ healthy: false, controls: { passed: 1, total: 3 } });
    expect(d.consistentWith).toEqual([CONSISTENT_WITH.proberNetwork]);
    expect(d.headline).toBe("api down in the network · web up · the prober's own network failed (1/3 controls): failures not blamed on the service");
    // The surfaces are still described: the failures are reported, not blamed.
    expect(d.surfaces.api).toMatchObject({ state: 'down', layer: 'network' });
  });

  it('unhealthy while every probe passed: nothing to blame, nothing to explain', () => {
    const d = diagnose(input(healthyWeb(), controls(false, false)));
    expect(d.prober.healthy).toBe(false);
    expect(d.consistentWith).toEqual([]);
    expect(d.headline).toBe('web up · prober unhealthy (0/2 controls)');
  });

  it('without controls: healthy and controls are null', () => {
    expect(diagnose(input(failing)).prober).toEqual({ healthy: null, controls: null, reasons: [] });
  });

  it("upprobe's own event-loop lag is a reason, never unhealthy", () => {
    const d = diagnose(input(failing, controls(true, true), { p99Ms: 42.5, distorted: true }));
    expect(d.prober).toEqual({ healthy: true, controls: { passed: 2, total: 2 }, reasons: ["upprobe's own event loop lagged 42.5ms p99: latencies may be inflated"] });
    expect(diagnose(input(failing, null, { p99Ms: 42.5, distorted: true })).prober.healthy).toBeNull();
    expect(diagnose(input(failing, null, { p99Ms: 1, distorted: false })).prober.reasons).toEqual([]);
  });
});
