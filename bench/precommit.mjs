#!/usr/bin/env node
// `copperplate precommit` cold start, whole process, wall time: a temp git repository with the
// project `copperplate init` writes, one stencil change staged, `node bin/copperplate.js
// precommit` run N times after one warm-up run (which fills the per-user caches, as the first
// commit after installing does). Needs a build first.
// Usage: node bench/precommit.mjs [N]   (default 7; BENCH_RUNS overrides)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { medianOf, runNode } from './measure.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'copperplate.js');

/** A repository with the init project committed and one stencil change staged. */
export function precommitRepository() {
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
  fs.mkdirSync(work);
  git('init', '-q');
  runNode(process.execPath, [bin, 'init', '.'], { cwd: work, env });
  git('add', '.');
  git('commit', '-q', '--no-verify', '-m', 'init');
  // one staged stencil change that every formation selects (a new label), still passing
  const stencil = path.join(work, 'stencils', 'app.yaml');
  const text = fs.readFileSync(stencil, 'utf8');
  fs.writeFileSync(stencil, text.replace(/^(\s*)labels:\n/m, (m, indent) => `${m}${indent}  bench: staged\n`));
  git('add', 'stencils/app.yaml');
  return { work, env, remove: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/** Median wall time of `precommit` with the given node binary. */
export function benchPrecommit(node, runs, repository) {
  const r = medianOf(runs, () => runNode(node, [bin, 'precommit'], { cwd: repository.work, env: repository.env }));
  const formations = /checking (.*) \(staged/.exec(r.warm.stderr)?.[1] ?? '?';
  return { ...r, formations };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.env.BENCH_RUNS ?? process.argv[2] ?? 7);
  const repository = precommitRepository();
  try {
    const r = benchPrecommit(process.execPath, runs, repository);
    console.log(`precommit (init project, one staged stencil, formations ${r.formations}): median ${r.median.toFixed(0)} ms of ${runs} (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}; CPU time ${r.cpu.toFixed(0)} ms)`);
  } finally {
    repository.remove();
  }
}
