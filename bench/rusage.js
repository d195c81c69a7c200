// Preloaded (`node --import bench/rusage.js …`) into a measured process: at exit it writes that
// process's own CPU time and peak RSS to $BENCH_RUSAGE_FILE, for the whole process, whatever it ran.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', () => {
    const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (userCPUTime + systemCPUTime) / 1000, maxRssKiB: maxRSS }));
  });
}
