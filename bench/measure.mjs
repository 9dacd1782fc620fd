// Whole-process wall time (and peak memory) of a command, as a user pays it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const maxRssHook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'max-rss.mjs');

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `node args…` once; throws on an unexpected exit code. */
export function runNode(node, args, { cwd, env, ok = [0], rssFile } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(node, rssFile ? ['--import', maxRssHook, ...args] : args, {
    cwd,
    env: rssFile ? { ...env, BENCH_MAX_RSS_FILE: rssFile } : env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${node} ${args.join(' ')} exited ${r.status}:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
  return { elapsed, stdout: r.stdout, stderr: r.stderr };
}

/** Median wall time of `runs` runs after one warm-up run (which fills the per-user caches). */
export function medianOf(runs, once) {
  const warm = once();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(once().elapsed);
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), warm };
}

/** Peak resident set size (MB) of one run. */
export function peakRss(node, args, opts) {
  const rssFile = path.join(opts.cwd, `.max-rss-${process.pid}`);
  try {
    const r = runNode(node, args, { ...opts, rssFile });
    return { mb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, elapsed: r.elapsed, stdout: r.stdout };
  } finally {
    fs.rmSync(rssFile, { force: true });
  }
}
