// `npm run bench`: upprobe against baselines measured in the same run, on the same machine.
// Absolute times on a shared machine are noise; ratios to a baseline taken minutes apart are not.
//
//   npm run bench                  full run (a few minutes); writes bench/results.json
//   npm run bench -- --quick       a smoke run of seconds; writes bench/results/quick.json
//   npm run bench -- --out <file>  write the JSON elsewhere
//
// Every measured process is a fresh `node` child; the target is another child (bench/target.js).
// bench/README.md says what each number means.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { mergeScale } from './merge-scale.js';
import { htmlReport } from './html-report.js';
import { watchMemory } from './watch-memory.js';
import { BENCH, ROOT, UPPROBE, percentile, probesFile, readJson, removeScratch, round, runNode, runUpprobe, scratch, spread, startTarget } from './util.js';

const QUICK = process.argv.includes('--quick');
const outFlag = process.argv.indexOf('--out');
const OUT = outFlag > 0 ? process.argv[outFlag + 1] : join(BENCH, QUICK ? 'results/quick.json' : 'results.json');

const PLAN = QUICK
  ? { throughput: { samples: 100, concurrency: 10, rounds: 1 }, honesty: { samples: 32, concurrencies: [16, 100], rounds: 1 },
      memory: { sizes: [100, 300], rounds: 1, concurrency: 50 }, scale: { probes: [50, 300], concurrency: 16, heapSearch: false }, cold: { rounds: 1 }, warmup: { rounds: 1 }, merge: { reports: 8, rounds: 1 }, html: { runs: 500, rounds: 1 }, watch: { seconds: 1 } }
  : { throughput: { samples: 2000, concurrency: 50, rounds: 5 }, honesty: { samples: 500, concurrencies: [16, 100], rounds: 3 },
      memory: { sizes: [2000, 20000, 200000], rounds: 3, concurrency: 50 }, scale: { probes: [1000, 16000], concurrency: 16, heapSearch: true }, cold: { rounds: 11 }, warmup: { rounds: 9 }, merge: { reports: 1000, rounds: 3 }, html: { runs: 525_600, rounds: 3 }, watch: { seconds: 120 } };

const log = (text) => process.stderr.write(`bench: ${text}\n`);

/** 1. Fresh-connection throughput and whole-process CPU per probe, upprobe vs bare undici. */
async function throughput(target) {
  const { samples, concurrency, rounds } = PLAN.throughput;
  const file = probesFile('throughput', target.base, [{ id: 'ok', path: '/ok', samples }]);
  const report = join(scratch, 'throughput.json');
  const rows = [];
  for (let i = 0; i < rounds; i++) {
    log(`throughput round ${i + 1}/${rounds}`);
    const up = async () => {
      const r = await runUpprobe(['run', file, '-c', String(concurrency), '--json', report, '--quiet'], { rusage: true });
      const json = readJson(report);
      return { ...r, failed: json.summary.failedSamples, runMs: json.durationMs };
    };
    const bare = async () => {
      const r = await runNode([join(BENCH, 'bare-undici.js'), `${target.base}/ok`, String(samples), String(concurrency)], { rusage: true });
      const out = JSON.parse(r.stdout);
      return { ...r, failed: out.failed, runMs: out.elapsedMs };
    };
    // Alternate who goes first, so neither always runs on a machine the other just warmed.
    let u, b;
    if (i % 2 === 0) [u, b] = [await up(), await bare()];
    else [b, u] = [await bare(), await up()];
    rows.push({ upprobe: u, bare: b });
  }
  const side = (key) => ({
    probesPerSecond: spread(rows.map((r) => round((samples / r[key].wallMs) * 1000, 0))),
    cpuMsPerProbe: spread(rows.map((r) => round(r[key].cpuMs / samples, 3))),
    runOnlyProbesPerSecond: spread(rows.map((r) => round((samples / r[key].runMs) * 1000, 0))),
    peakRssMiB: spread(rows.map((r) => round(r[key].maxRssKiB / 1024, 1))),
    failedSamples: rows.reduce((n, r) => n + r[key].failed, 0),
  });
  return {
    samples, concurrency,
    upprobe: side('upprobe'),
    bare: side('bare'),
    throughputRatio: spread(rows.map((r) => round(r.bare.wallMs / r.upprobe.wallMs))),
    cpuRatio: spread(rows.map((r) => round(r.upprobe.cpuMs / r.bare.cpuMs))),
  };
}

/** 2. Reported latency minus the server's own hold time, at each concurrency. */
async function honesty(target) {
  const { samples, concurrencies, rounds } = PLAN.honesty;
  const results = [];
  for (const concurrency of concurrencies) {
    const file = probesFile(`hold-${concurrency}`, target.base, [{ id: 'hold', path: '/hold', samples }]);
    const report = join(scratch, `hold-${concurrency}.json`);
    const rows = [];
    for (let i = 0; i < rounds; i++) {
      log(`timing honesty c=${concurrency} round ${i + 1}/${rounds}`);
      await target.holds();
      await runUpprobe(['run', file, '-c', String(concurrency), '--json', report, '--quiet']);
      const json = readJson(report);
      const upHolds = await target.holds();
      const bareRun = await runNode([join(BENCH, 'bare-undici.js'), `${target.base}/hold`, String(samples), String(concurrency)]);
      const bareHolds = await target.holds();
      const bare = JSON.parse(bareRun.stdout);
      const { latencyMs } = json.probes[0];
      rows.push({
        upprobe: { p50: latencyMs.p50 - percentile(upHolds, 50), p99: latencyMs.p99 - percentile(upHolds, 99), failed: json.summary.failedSamples },
        bare: { p50: percentile(bare.latenciesMs, 50) - percentile(bareHolds, 50), p99: percentile(bare.latenciesMs, 99) - percentile(bareHolds, 99), failed: bare.failed },
        holdP99: Math.max(percentile(upHolds, 99), percentile(bareHolds, 99)),
        loopDelay: json.timingConfidence?.eventLoopDelayMs ?? null,
        distorted: json.timingConfidence?.distorted ?? null,
      });
    }
    const side = (key) => ({
      errorP50Ms: spread(rows.map((r) => round(r[key].p50, 1))),
      errorP99Ms: spread(rows.map((r) => round(r[key].p99, 1))),
      failedSamples: rows.reduce((n, r) => n + r[key].failed, 0),
    });
    results.push({
      concurrency, samples,
      upprobe: { ...side('upprobe'), eventLoopDelayMs: rows.map((r) => r.loopDelay), distorted: rows.map((r) => r.distorted) },
      bare: side('bare'),
      serverHoldP99Ms: spread(rows.map((r) => round(r.holdP99, 1))),
      p99Ratio: spread(rows.map((r) => round(Math.max(r.upprobe.p99, 0) / Math.max(r.bare.p99, 0.1)))),
    });
  }
  return results;
}

/** 3. Peak RSS of whole upprobe runs of growing size (kept-alive connections: see bench/README.md). */
async function memory(target) {
  const { sizes, rounds, concurrency } = PLAN.memory;
  const results = [];
  for (const samples of sizes) {
    const file = probesFile(`memory-${samples}`, target.base, [{ id: 'ok', path: '/ok', samples }], { reuseConnections: true });
    const report = join(scratch, `memory-${samples}.json`);
    const rss = [];
    const seconds = [];
    for (let i = 0; i < rounds; i++) {
      log(`memory ${samples} samples round ${i + 1}/${rounds}`);
      const r = await runUpprobe(['run', file, '-c', String(concurrency), '--json', report, '--quiet'], { rusage: true });
      const json = readJson(report);
      if (json.summary.samples !== samples || json.summary.failedSamples !== 0) throw new Error(`memory run: ${JSON.stringify(json.summary)}`);
      rss.push(round(r.maxRssKiB / 1024, 1));
      seconds.push(round(r.wallMs / 1000, 1));
    }
    results.push({ samples, reuseConnections: true, concurrency, peakRssMiB: spread(rss), wallSeconds: spread(seconds) });
  }
  const first = results[0].peakRssMiB.median;
  const last = results.at(-1).peakRssMiB.median;
  return { runs: results, growthMiB: round(last - first, 1) };
}

/**
 * 3b. Many probes of one sample each (a big probes file): peak RSS, wall and CPU time, and what each
 * extra probe costs in peak RSS (issue 15: 16,000 probes peaked at ~1.1 GiB when every probe
 * allocated its HDR histograms up front, and scheduling copied the probe list per task).
 */
async function scale(target) {
  const { probes: counts, concurrency, heapSearch } = PLAN.scale;
  const runs = [];
  for (const count of counts) {
    log(`scale ${count} one-sample probes`);
    // Flow style, one line a probe: 16,000 of them stay under the 1 MiB file limit.
    const lines = ['version: 1', 'defaults:', `  baseUrl: ${target.base}`, '  timeout: 30s', 'probes:'];
    for (let i = 0; i < count; i++) lines.push(`- {id: p${i}, kind: http, surface: api, request: {url: /ok}}`);
    const file = join(scratch, `scale-${count}.yaml`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['run', file, '-c', String(concurrency), '--quiet'];
    const r = await runUpprobe(args, { rusage: true });
    // A dozen more runs: not in a smoke run.
    const heapNeededMiB = heapSearch ? await smallestHeap(args, Math.ceil(r.maxRssKiB / 1024)) : null;
    runs.push({ probes: count, concurrency, peakRssMiB: round(r.maxRssKiB / 1024, 1), heapNeededMiB, wallSeconds: round(r.wallMs / 1000, 1), cpuSeconds: round(r.cpuMs / 1000, 1) });
  }
  const [first, last] = [runs[0], runs.at(-1)];
  const perProbe = (mib) => round((mib * 1024) / (last.probes - first.probes), 1);
  return {
    runs,
    kibPerProbe: perProbe(last.peakRssMiB - first.peakRssMiB),
    heapKibPerProbe: heapSearch ? perProbe(last.heapNeededMiB - first.heapNeededMiB) : null,
  };
}

/**
 * The smallest old generation (--max-old-space-size, to 4 MiB) the run completes in: what it needs
 * to hold, without the headroom V8 leaves itself before a full collection when memory is not tight.
 */
async function smallestHeap(args, aboveMiB) {
  // Exit 0 or 1: the run completed, whatever its probes found (running out of heap aborts it).
  const completes = async (mib) => [0, 1].includes((await runNode([`--max-old-space-size=${mib}`, UPPROBE, ...args])).code);
  let [low, high] = [4, aboveMiB];
  while (high - low > 4) {
    const middle = Math.floor((low + high) / 2);
    if (await completes(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** 4. Wall time from spawn to exit of short commands, interleaved round by round. */
async function coldStart(target) {
  const one = probesFile('one', target.base, [{ id: 'ok', path: '/ok', samples: 1 }]);
  const commands = {
    nodeE0: ['-e', '0'],
    bareOneRequest: [join(BENCH, 'bare-one.js'), `${target.base}/ok`],
    version: [join(ROOT, 'bin/upprobe.js'), '--version'],
    validate: [join(ROOT, 'bin/upprobe.js'), 'validate', join(ROOT, 'probes.yaml')],
    oneProbeRun: [join(ROOT, 'bin/upprobe.js'), 'run', one, '--quiet'],
  };
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < PLAN.cold.rounds; i++) {
    log(`cold start round ${i + 1}/${PLAN.cold.rounds}`);
    for (const [name, args] of Object.entries(commands)) {
      const r = await runNode(args);
      if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 300)}`);
      times[name].push(round(r.wallMs, 1));
    }
  }
  const ratio = (a, b) => spread(times[a].map((t, i) => round(t / times[b][i])));
  return {
    ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, spread(v)])),
    versionRatio: ratio('version', 'nodeE0'),
    validateRatio: ratio('validate', 'nodeE0'),
    oneProbeRunRatio: ratio('oneProbeRun', 'bareOneRequest'),
  };
}

/** The first sample of a run against the third: three one-sample probes run in turn at c=1. */
async function warmup(target) {
  const file = probesFile('warmup', target.base, ['first', 'second', 'third'].map((id) => ({ id, path: '/ok', samples: 1 })));
  const report = join(scratch, 'warmup.json');
  const firstMinusThird = [];
  const first = [];
  for (let i = 0; i < PLAN.warmup.rounds; i++) {
    await runUpprobe(['run', file, '-c', '1', '--json', report, '--quiet']);
    const [a, , c] = readJson(report).probes.map((p) => p.latencyMs.max);
    firstMinusThird.push(round(a - c, 1));
    first.push(a);
  }
  return { firstSampleMs: spread(first), firstMinusThirdMs: spread(firstMinusThird) };
}

function verdicts(r) {
  const t = r.throughput;
  const [c16, c100] = [r.honesty.find((h) => h.concurrency === 16), r.honesty.find((h) => h.concurrency === 100)];
  const rss = r.memory.runs;
  return [
    ['throughput ≥ 1.0× bare (aim 1.5×)', t.throughputRatio.median >= 1],
    ['CPU per probe ≤ 1.0× bare', t.cpuRatio.median <= 1],
    ['timing error p99 at c=16 ≤ 5 ms', c16.upprobe.errorP99Ms.median <= 5],
    ['timing error p99 at c=100 ≤ 0.5× bare', c100.upprobe.errorP99Ms.median <= 0.5 * c100.bare.errorP99Ms.median],
    [`peak RSS at ${rss.at(-1).samples} ≤ at ${rss[0].samples} + 30 MiB`, r.memory.growthMiB <= 30],
    ['--version ≤ 2.0× node -e 0', r.coldStart.versionRatio.median <= 2],
    ['one-probe run ≤ 1.0× bare one-request (aim 0.8×)', r.coldStart.oneProbeRunRatio.median <= 1],
    ['first sample ≤ third + 3 ms', r.warmup.firstMinusThirdMs.median <= 3],
  ].map(([target, met]) => ({ target, met }));
}

const signed = (value, unit) => `${value >= 0 ? '+' : ''}${value}${unit}`;

function table(r) {
  const m = (s, unit = '') => `${s.median}${unit} (${s.min}–${s.max})`;
  const t = r.throughput;
  const rows = [
    ['measurement', 'upprobe', 'baseline', 'ratio (median of rounds)'],
    [`throughput, probes/s (${t.samples} fresh conns, c=${t.concurrency}, whole process)`, m(t.upprobe.probesPerSecond), `bare undici ${m(t.bare.probesPerSecond)}`, `${t.throughputRatio.median}×`],
    ['client CPU ms per probe (whole process)', m(t.upprobe.cpuMsPerProbe), `bare undici ${m(t.bare.cpuMsPerProbe)}`, `${t.cpuRatio.median}×`],
  ];
  for (const h of r.honesty) {
    rows.push([`timing error p50 / p99 ms, 100 ms hold, c=${h.concurrency}`, `${h.upprobe.errorP50Ms.median} / ${m(h.upprobe.errorP99Ms)}`, `bare undici ${h.bare.errorP50Ms.median} / ${m(h.bare.errorP99Ms)}`, `${h.p99Ratio.median}× (p99)`]);
  }
  for (const run of r.memory.runs) {
    rows.push([`peak RSS MiB, ${run.samples} samples (kept-alive, c=${run.concurrency})`, m(run.peakRssMiB), '', run === r.memory.runs[0] ? '' : signed(round(run.peakRssMiB.median - r.memory.runs[0].peakRssMiB.median, 1), ' MiB')]);
  }
  for (const run of r.scale.runs) {
    rows.push([`scale: ${run.probes} one-sample probes (c=${run.concurrency}): peak RSS MiB / heap needed MiB / wall s / CPU s`, `${run.peakRssMiB} / ${run.heapNeededMiB ?? '-'} / ${run.wallSeconds} / ${run.cpuSeconds}`, '', run === r.scale.runs[0] ? '' : `per extra probe: ${r.scale.kibPerProbe} KiB RSS, ${r.scale.heapKibPerProbe ?? '-'} KiB heap`]);
  }
  const c = r.coldStart;
  rows.push(['cold start ms: upprobe --version', m(c.ms.version), `node -e 0 ${m(c.ms.nodeE0)}`, `${c.versionRatio.median}×`]);
  rows.push(['cold start ms: upprobe validate probes.yaml', m(c.ms.validate), `node -e 0`, `${c.validateRatio.median}×`]);
  rows.push(['cold start ms: one-probe run', m(c.ms.oneProbeRun), `bare one-request ${m(c.ms.bareOneRequest)}`, `${c.oneProbeRunRatio.median}×`]);
  rows.push(['first sample minus third, ms', m(r.warmup.firstMinusThirdMs), '', '']);
  rows.push([`merge ms, ${r.merge.reports} reports of 10 probes`, m(r.merge.upprobeMs), `read + JSON.parse ${m(r.merge.bareParseMs)}`, `${r.merge.ratio.median}×`]);
  const w = r.watch;
  rows.push([`watch RSS MiB over ${w.runs} runs (every ${w.every}), first tenth → end`, `${w.tenth.rssMiB} → ${w.end.rssMiB} (peak ${w.peakRssMiB})`, '', signed(round(w.end.rssMiB - w.tenth.rssMiB, 1), ' MiB')]);
  rows.push([`report --html ms, ${r.html.runs} runs (${r.html.historyMiB} MiB)`, m(r.html.upprobeMs), `read + JSON.parse ${m(r.html.bareReadMs)}`, `${r.html.ratio.median}×`]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  for (const h of r.honesty) {
    const lagged = h.upprobe.distorted.filter(Boolean).length;
    if (lagged > 0) lines.push(`warning: c=${h.concurrency}: upprobe reported event-loop lag that distorts timings in ${lagged}/${h.upprobe.distorted.length} rounds`);
  }
  if (r.quick) lines.push('', 'quick run: one small round of each, for a smoke test; only a full run says whether a target is met');
  lines.push('', ...r.targets.map((v) => `${v.met ? 'met   ' : 'MISSED'}  ${v.target}`));
  return `${lines.join('\n')}\n`;
}

const target = await startTarget();
try {
  const started = new Date();
  const results = {
    quick: QUICK,
    startedAt: started.toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg().map((l) => round(l)) },
    note: 'ratios are medians of per-round ratios (each round runs upprobe and its baseline back to back); values are median (min–max) over rounds',
    throughput: await throughput(target),
    honesty: await honesty(target),
    memory: await memory(target),
    scale: await scale(target),
    coldStart: await coldStart(target),
    warmup: await warmup(target),
    merge: await mergeScale(target, PLAN.merge),
    html: await htmlReport(target, PLAN.html),
    watch: await watchMemory(PLAN.watch),
  };
  results.machine.loadavgAtEnd = loadavg().map((l) => round(l));
  results.targets = verdicts(results);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(table(results));
  log(`wrote ${OUT}`);
} finally {
  target.stop();
  removeScratch();
}
