import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTRIES } from '../support/demo-repo.js';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/temp-project.js';

/**
 * `npm pack` smoke test: the tarball installs into an empty project (offline, from the npm
 * cache that `npm ci` filled), its bin runs, and the library and `copperplate/policy` import
 * from an ESM file. Needs a build (dist/) first; packs with --ignore-scripts so it does not
 * rebuild.
 */
let work: { dir: string; remove: () => void };
let consumer: string;
let bin: string;

function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
}

function node(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: consumer, NO_COLOR: '1' } });
}

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'index.js'))) throw new Error('build first: npm run build');
  work = tempDir('copperplate-pack-');
  const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work.dir], repoRoot)) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(work.dir, packed[0]!.filename);
  consumer = path.join(work.dir, 'consumer');
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  const install = ['install', '--no-audit', '--no-fund', '--no-save', tarball];
  try {
    npm([...install, '--offline'], consumer);
  } catch {
    // a cache missing some optional metadata: still no network for what it holds
    npm([...install, '--prefer-offline'], consumer);
  }
  bin = path.join(consumer, 'node_modules', '.bin', 'copperplate');
  for (const entry of DEMO_ENTRIES) fs.cpSync(path.join(repoRoot, entry), path.join(consumer, 'demo', entry), { recursive: true });
}, 120_000);

afterAll(() => work?.remove());

describe('the packed package', () => {
  it('ships bin, dist, the editor schemas and the README, and no sources or tests', () => {
    const pkg = path.join(consumer, 'node_modules', 'copperplate');
    for (const f of ['bin/copperplate.js', 'dist/index.js', 'dist/index.d.ts', 'dist/policy-entry.js', 'dist/testing-entry.js', 'README.md']) {
      expect(fs.existsSync(path.join(pkg, f)), f).toBe(true);
    }
    for (const f of ['config', 'formation', 'approvals', 'report']) expect(fs.existsSync(path.join(pkg, 'schemas', `${f}.schema.json`)), f).toBe(true);
    for (const f of ['src', 'test', 'tsconfig.json']) expect(fs.existsSync(path.join(pkg, f)), f).toBe(false);
  });

  it('runs its bin: --version, render of the demo, check', () => {
    const version = spawnSync(bin, ['--version'], { cwd: consumer, encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);

    const rendered = spawnSync(bin, ['--project', 'demo', 'render', 'production-aws'], { cwd: consumer, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toMatch(/^# Source: stencils\//m);
    expect(rendered.stdout).toContain('kind: Deployment');

    const checked = spawnSync(bin, ['check'], { cwd: path.join(consumer, 'demo'), encoding: 'utf8' });
    expect(checked.status).toBe(0);
  });

  it('imports the library, copperplate/policy and copperplate/testing from an ESM file', () => {
    fs.writeFileSync(
      path.join(consumer, 'embed.mjs'),
      `import { loadProject, render, check, formatReport } from 'copperplate';
import { definePolicy } from 'copperplate/policy';
import { testPolicy } from 'copperplate/testing';
const project = await loadProject({ root: new URL('./demo', import.meta.url).pathname });
const rendered = await render(project, { formations: ['staging'] });
const checked = await check(project, { formations: ['staging'] });
const policy = definePolicy({ id: 'x', title: 'x', severity: 'error', check() {} });
console.log(JSON.stringify({
  render: rendered.report.exitCode, documents: (rendered.manifests.get('staging') ?? '').split('# Source:').length - 1,
  check: checked.report.exitCode, report: formatReport(checked.report, 'json', { color: false }).length > 0,
  policy: policy.id, testing: typeof testPolicy,
}));
`,
    );
    const result = node(['embed.mjs'], consumer);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ render: 0, documents: expect.any(Number), check: 0, report: true, policy: 'x', testing: 'function' });
    expect((JSON.parse(result.stdout) as { documents: number }).documents).toBeGreaterThan(3);
  });

  it('is ESM-only: require() of the package names the missing export condition', () => {
    fs.writeFileSync(path.join(consumer, 'require.cjs'), "try { require('copperplate'); console.log('loaded'); } catch (e) { console.log(e.code); }\n");
    const result = node(['require.cjs'], consumer);
    expect(result.stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
