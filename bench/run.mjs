// `npm run bench`: the figures of the README's Benchmark section, whole processes on this
// machine, for Node 20 and Node 24 side by side, and Kustomize measured in the same run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf, runNode } from './measure.mjs';
import { nodeVersions } from './node-versions.mjs';
import { benchPrecommit, precommitRepository } from './precommit.mjs';
import { benchSchema } from './schema.mjs';
import { writeSyntheticProject } from './synthetic-project.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repo, '.bench');
const bin = path.join(repo, 'bin', 'copperplate.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ms = (x) => `${x.toFixed(0)} ms`;

fs.mkdirSync(work, { recursive: true });
const versions = nodeVersions(work);
const env = { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache'), NO_COLOR: '1' };
// whole-process wall times depend on what else the machine runs: the load average says
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${load()}`);
console.log(`${versions.map((v) => `${v.label} = ${v.version}`).join(', ')}; medians of ${RUNS} runs after one warm-up`);

const project = path.join(work, 'project');
const { resources } = writeSyntheticProject(project);
const big = path.join(work, 'project-100k');
const bigSize = { formations: 1000, stencils: 50 };
const { resources: bigResources } = writeSyntheticProject(big, bigSize);

/** Rows of [what, value per version, target per version]. */
const rows = [];
const row = (what, values, targets = []) => rows.push({ what, values, targets });

const repository = precommitRepository();
try {
  row(
    'precommit, init project, one staged stencil change',
    versions.map((v) => benchPrecommit(v.bin, RUNS, repository)),
    ['≤ 300 ms', '≤ 200 ms'],
  );
} finally {
  repository.remove();
}

row(
  "check of the repository's demo",
  versions.map((v) => medianOf(RUNS, () => runNode(v.bin, [bin, 'check'], { cwd: repo, env }))),
  ['', '≤ 250 ms'],
);

const renderAll = versions.map((v) => {
  const r = medianOf(RUNS, () => runNode(v.bin, [bin, 'render', '--all', '--project', project], { cwd: repo, env }));
  const docs = (r.warm.stdout.match(/^# Source:/gm) ?? []).length;
  if (docs !== resources) throw new Error(`render --all gave ${docs} documents, expected ${resources}`);
  return r;
});
row(`render --all, ${resources.toLocaleString('en')} resources (schema + policy checks)`, renderAll, ['< 600 ms', '< 450 ms']);

let kustomize;
if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0) {
  const overlays = path.join(project, 'kustomize', 'overlays');
  const start = process.hrtime.bigint();
  let docs = 0;
  for (const o of fs.readdirSync(overlays).sort()) {
    const r = spawnSync('kubectl', ['kustomize', path.join(overlays, o)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`kubectl kustomize ${o}: ${r.stderr}`);
    docs += (r.stdout.match(/^kind:/gm) ?? []).length;
  }
  kustomize = Number(process.hrtime.bigint() - start) / 1e6;
  if (docs !== resources) throw new Error(`kustomize gave ${docs} documents, expected ${resources}`);
  row(`kubectl kustomize × ${fs.readdirSync(overlays).length} overlays, same resources (once)`, versions.map(() => ({ median: kustomize })));
  row('  ratio Kustomize / render --all', renderAll.map((r) => ({ ratio: kustomize / r.median })), ['≥ 30×', '≥ 30×']);
} else {
  console.log('kubectl not on PATH: Kustomize comparison skipped');
}

const memory = versions.map((v) => {
  const r = runNode(v.bin, [bin, 'render', '--all', '--project', big], { cwd: repo, env });
  const docs = (r.stdout.match(/^# Source:/gm) ?? []).length;
  if (docs !== bigResources) throw new Error(`render --all gave ${docs} documents, expected ${bigResources}`);
  return r;
});
row(
  `peak memory, render --all of ${bigResources.toLocaleString('en')} resources (${bigSize.formations} × ${bigSize.stencils} × 2)`,
  memory.map((m) => ({ mb: m.rssMb })),
  ['≤ 600 MB', '≤ 600 MB'],
);
row('  its time (one run)', memory.map((m) => ({ median: m.elapsed, cpu: m.cpu })));

const schema = await benchSchema();
console.log(`schema validation in one process (${process.version}): ${schema.resources} resources in ${ms(schema.ms)} (${schema.perSecond.toLocaleString('en')} resources/s)`);

// the table
const cell = (x) =>
  x.ratio !== undefined ? `${x.ratio.toFixed(1)}×` : x.mb !== undefined ? `${x.mb.toFixed(0)} MB` : `${ms(x.median)}${x.cpu !== undefined ? ` (cpu ${ms(x.cpu)})` : ''}`;
const header = ['wall time, median (CPU time, median)', ...versions.map((v) => v.label)];
const lines = rows.map((r) => [r.what, ...r.values.map((x, i) => `${cell(x)}${r.targets[i] ? `, target ${r.targets[i]}` : ''}`)]);
const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => (l[i] ?? '').length)));
for (const l of [header, ...lines]) console.log(l.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd());
console.log(`load average at the end: ${load()}`);
