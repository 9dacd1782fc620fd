// Loaded with --import by bench/measure.mjs: writes the process's peak RSS (KiB) and CPU time
// (user + system, ms) on exit, as JSON.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
