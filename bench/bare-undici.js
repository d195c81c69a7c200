// The baseline: the same requests as upprobe sends, with bare undici and nothing else. Fresh
// connection per request (`reset: true`), the same concurrency, and only hrtime recorded.
//
//   node bench/bare-undici.js <url> <requests> <concurrency>
//
// Prints { latenciesMs, failed, elapsedMs } as JSON on stdout.
import { request } from 'undici';

const [url, total, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const latenciesMs = [];
let started = 0;
let failed = 0;

async function worker() {
  while (started < total) {
    started++;
    const start = process.hrtime.bigint();
    try {
      const res = await request(url, { reset: true });
      await res.body.arrayBuffer();
      latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    } catch {
      failed++;
    }
  }
}

const begin = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsedMs = performance.now() - begin;
process.stdout.write(JSON.stringify({ latenciesMs, failed, elapsedMs }));
