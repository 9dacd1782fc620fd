// `npm run bench`: copperplate against a peer measured in the same run, on this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticProject } from './synthetic-project.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repo, '.bench');
const project = path.join(work, 'project');
const bin = path.join(repo, 'bin', 'copperplate.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

function time(cmd, args, opts = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...opts });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { elapsed, stdout: r.stdout, status: r.status };
}

const { resources } = writeSyntheticProject(project);
console.log(`synthetic project: 100 formations × 30 stencils × 2 documents = ${resources} resources`);

const results = {};
for (const [label, extra] of [
  ['render --all (with schema + policy checks)', []],
  ['render --all --no-check', ['--no-check']],
]) {
  const times = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const r = time('node', [bin, 'render', '--all', '--project', project, ...extra]);
    times.push(r.elapsed);
    out = r.stdout;
  }
  const docs = (out.match(/^# Source:/gm) ?? []).length;
  results[label] = median(times);
  console.log(`copperplate ${label}: median ${ms(median(times))} of ${RUNS} (${docs} documents)`);
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (kubectl.status === 0) {
  const overlays = path.join(project, 'kustomize', 'overlays');
  const start = process.hrtime.bigint();
  let docs = 0;
  for (const o of fs.readdirSync(overlays).sort()) {
    const r = time('kubectl', ['kustomize', path.join(overlays, o)]);
    docs += (r.stdout.match(/^kind:/gm) ?? []).length;
  }
  const kustomize = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`kubectl kustomize × 100 overlays: ${ms(kustomize)} (${docs} documents)`);
  for (const [label, t] of Object.entries(results)) console.log(`ratio kustomize / copperplate ${label}: ${(kustomize / t).toFixed(1)}×`);
} else {
  console.log('kubectl not on PATH: Kustomize comparison skipped');
}

for (const extra of ['schema.mjs', 'precommit.mjs']) {
  const script = path.join(repo, 'bench', extra);
  if (fs.existsSync(script)) execFileSync('node', [script], { stdio: 'inherit' });
}
