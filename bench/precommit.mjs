#!/usr/bin/env node
// `copperplate precommit` cold start, whole process, wall time: a temp git repository made
// from the demo project, one stencil change staged, `node bin/copperplate.js precommit` run N
// times (after one warm-up run that fills the per-user policy transpile cache, as the first
// commit after installing would). Prints the median; goal ≤ 300 ms. Needs a build first.
// Usage: node bench/precommit.mjs [N]   (default 15; BENCH_RUNS overrides)
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'copperplate.js');
const RUNS = Number(process.env.BENCH_RUNS ?? process.argv[2] ?? 15);
const GOAL_MS = 300;
const DEMO = ['copperplate.yaml', 'approvals.yaml', 'stencils', 'formations', 'policies', 'secrets', 'crds', 'demo-keys'];

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'copperplate-bench-precommit-')));
const work = path.join(tmp, 'repo');
const env = {
  ...process.env,
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  NO_COLOR: '1',
};
const git = (...args) => execFileSync('git', args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });

try {
  fs.mkdirSync(work);
  for (const entry of DEMO) {
    const from = path.join(repo, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(work, entry), { recursive: true });
  }
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '--no-verify', '-m', 'demo');

  // one staged stencil change that every formation selects (a new label), still passing
  const stencil = path.join(work, 'stencils', 'web', 'deployment.yaml');
  const text = fs.readFileSync(stencil, 'utf8');
  fs.writeFileSync(stencil, text.replace(/^(\s*)labels:\n/m, (m, indent) => `${m}${indent}  bench: staged\n`));
  git('add', 'stencils/web/deployment.yaml');

  const runOnce = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, 'precommit'], { cwd: work, env, encoding: 'utf8' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`precommit exited ${r.status}:\n${r.stdout}${r.stderr}`);
    return { elapsed, output: r.stdout + r.stderr };
  };
  const warm = runOnce();
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(runOnce().elapsed);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const checked = /checking (.*) \(staged/.exec(warm.output)?.[1] ?? '?';
  console.log(
    `precommit (one staged stencil, formations ${checked}): median ${median.toFixed(0)} ms of ${RUNS} ` +
      `(min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}; first run ${warm.elapsed.toFixed(0)} ms); goal ≤ ${GOAL_MS} ms: ` +
      (median <= GOAL_MS ? 'met' : 'NOT met'),
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
