// Loaded with --import by bench/measure.mjs: writes the process's peak RSS (KiB) and CPU time
// (user + system, ms) on exit, as JSON. Worker threads inherit --import: only the main thread
// writes (a worker's exit handler would throw, without BENCH_USAGE_FILE in its empty
// environment, and the policy worker would then not exit when asked: the run would wait for
// its close grace period, a second that no real run pays).
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
