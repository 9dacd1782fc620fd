// Whole-process wall time, CPU time and peak memory of a command, as a user pays it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const usageHook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'process-usage.mjs');
const usageFile = path.join(os.tmpdir(), `copperplate-bench-usage-${process.pid}.json`);

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs `node args…` once; throws on an unexpected exit code. CPU time (user + system) is what
 * the wall time would be on an idle machine, give or take: on a shared one it stays put while
 * the wall time grows with the load.
 */
export function runNode(node, args, { cwd, env, ok = [0] } = {}) {
  fs.rmSync(usageFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(node, ['--import', usageHook, ...args], { cwd, env: { ...env, BENCH_USAGE_FILE: usageFile }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${node} ${args.join(' ')} exited ${r.status}:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
  return { elapsed, cpu: usage.cpuMs, rssMb: usage.maxRssKiB / 1024, stdout: r.stdout, stderr: r.stderr };
}

/** Medians of `runs` runs after one warm-up run (which fills the per-user caches). */
export function medianOf(runs, once) {
  const warm = once();
  const all = [];
  for (let i = 0; i < runs; i++) all.push(once());
  const times = all.map((r) => r.elapsed);
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), cpu: median(all.map((r) => r.cpu)), warm };
}
