import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/core/project-fs.js';
import type { Report } from '../../src/core/report.js';
import { affectedFormations } from '../../src/engine/precommit.js';
import { loadProject } from '../../src/engine/project.js';
import { fixturesDir } from '../support/paths.js';
import { runCli, STACK_TRACE, type CliResult } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';
import { tempRepo, type TempRepo } from './git-repo.js';

const FIXTURE = path.join(fixturesDir, 'precommit-project');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(options: { commit?: boolean; subdir?: string } = {}): TempRepo {
  const r = tempRepo(FIXTURE, options);
  cleanups.push(r.remove);
  return r;
}

/** Runs `copperplate precommit` in-process, with the policy cache outside the repository. */
async function precommit(r: TempRepo, args: readonly string[] = [], cwd = r.dir, env: Record<string, string> = {}): Promise<CliResult> {
  const cache = tempDir('copperplate-cache-');
  cleanups.push(cache.remove);
  return runCli(['precommit', ...args], cwd, { XDG_CACHE_HOME: cache.dir, ...env });
}

async function precommitJson(r: TempRepo, args: readonly string[] = [], cwd = r.dir, env: Record<string, string> = {}): Promise<{ code: number; report: Report; result: CliResult }> {
  const result = await precommit(r, ['--format', 'json', ...args], cwd, env);
  const json = result.stdout.slice(result.stdout.indexOf('{'));
  return { code: result.code, report: JSON.parse(json) as Report, result };
}

const LATEST = (text: string) => text.replace('image: "${image}"', 'image: "nginx:latest"');

describe('copperplate precommit', () => {
  it('blocks a staged stencil with a :latest image (exit 1), with the finding at the stencil position, in every formation selecting it', async () => {
    const r = repo();
    r.write('stencils/web.yaml', LATEST(r.read('stencils/web.yaml')));
    r.git('add', 'stencils/web.yaml');
    const { code, report, result } = await precommitJson(r);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(code).toBe(1);
    const latest = report.findings.filter((f) => f.policy === 'no-latest-tag');
    expect(latest.map((f) => f.formation).sort()).toEqual(['canary', 'production', 'staging']);
    for (const f of latest) expect({ file: f.file, line: f.line, column: f.column }).toEqual({ file: 'stencils/web.yaml', line: 16, column: 18 });
    expect(report.summary.formations).toBe(3);
  });

  it('prints the finding in the text report with a code frame', async () => {
    const r = repo();
    r.write('stencils/web.yaml', LATEST(r.read('stencils/web.yaml')));
    r.git('add', 'stencils/web.yaml');
    const result = await precommit(r);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('stencils/web.yaml:16:18');
    expect(result.stdout).toContain('no-latest-tag');
    expect(result.stdout).toContain('image: "nginx:latest"');
    // one entry for the three formations that share the stencil
    expect(result.stdout.match(/stencils\/web\.yaml:16:18/g)).toHaveLength(1);
    expect(result.stdout).toContain('canary, production, staging');
  });

  it('ignores an unstaged bad edit: only the staged content is checked (exit 0)', async () => {
    const r = repo();
    const good = r.read('stencils/web.yaml').replace('  name: web\n', '  name: web\n  labels: { tier: frontend }\n');
    r.write('stencils/web.yaml', good);
    r.git('add', 'stencils/web.yaml');
    r.write('stencils/web.yaml', LATEST(good));
    const { code, report } = await precommitJson(r);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary.formations).toBe(3);
  });

  it('passes (exit 0) once the fix is staged', async () => {
    const r = repo();
    const original = r.read('stencils/web.yaml');
    r.write('stencils/web.yaml', LATEST(original));
    r.git('add', 'stencils/web.yaml');
    expect((await precommit(r)).code).toBe(1);
    r.write('stencils/web.yaml', original.replace('  name: web\n', '  name: web\n  labels: { tier: frontend }\n'));
    r.git('add', 'stencils/web.yaml');
    expect((await precommit(r)).code).toBe(0);
  });

  it('code frames and positions come from the staged file, not from later unstaged edits', async () => {
    const r = repo();
    const bad = LATEST(r.read('stencils/web.yaml'));
    r.write('stencils/web.yaml', bad);
    r.git('add', 'stencils/web.yaml');
    r.write('stencils/web.yaml', `# one\n# two\n# three\n${bad}`);
    const { code, report } = await precommitJson(r);
    expect(code).toBe(1);
    expect(report.findings.every((f) => f.line === 16)).toBe(true);
    const text = await precommit(r);
    expect(text.stdout).toMatch(/16 \|\s+image: "nginx:latest"/);
  });

  it('checks only the formations extending a staged layer', async () => {
    const r = repo();
    r.write('formations/_prod.yaml', 'values:\n  replicas: 20\n  lbIp: 203.0.113.10\n');
    r.git('add', 'formations/_prod.yaml');
    const { code, report } = await precommitJson(r);
    expect(code).toBe(1);
    expect(report.summary.formations).toBe(1);
    expect(new Set(report.findings.map((f) => `${f.policy} ${f.formation}`))).toEqual(new Set(['replicas-limit production']));
    expect(report.findings.map((f) => f.valueSource?.file)).toContain('formations/_prod.yaml');
  });

  it('compares with HEAD: a staged load-balancer IP change needs a sign-off (exit 1) with from/to and a fingerprint', async () => {
    const r = repo();
    r.write('formations/_prod.yaml', 'values:\n  replicas: 3\n  lbIp: 203.0.113.99\n');
    r.write('stencils/lb.yaml', `# touched\n${r.read('stencils/lb.yaml')}`);
    r.git('add', '.');
    const { code, report } = await precommitJson(r);
    expect(code).toBe(1);
    const signoffs = report.findings.filter((f) => f.policy === 'lb-ip-change');
    expect(signoffs).toHaveLength(1);
    expect(signoffs[0]).toMatchObject({ severity: 'signoff', formation: 'production', from: '203.0.113.10', to: '203.0.113.99', approved: false });
    expect(signoffs[0]!.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    const text = await precommit(r);
    expect(text.stderr).toContain(`copperplate approve ${signoffs[0]!.fingerprint}`);
    // the same IP as HEAD, with the stencil still staged: nothing to sign off
    r.write('formations/_prod.yaml', 'values:\n  replicas: 3\n  lbIp: 203.0.113.10\n');
    r.git('add', '.');
    expect((await precommit(r)).code).toBe(0);
  });

  it('checks only the formations selecting a staged stencil', async () => {
    const r = repo();
    r.write('stencils/worker.yaml', r.read('stencils/worker.yaml').replace('worker:2.0.1', 'worker:latest'));
    r.git('add', 'stencils/worker.yaml');
    const { code, report } = await precommitJson(r);
    expect(code).toBe(1);
    expect(report.summary.formations).toBe(1);
    expect(report.findings.map((f) => f.formation)).toEqual(['production']);
  });

  it('checks every formation when copperplate.yaml, approvals or a policy is staged', async () => {
    for (const file of ['copperplate.yaml', 'approvals.yaml', 'policies/replicas-limit.ts']) {
      const r = repo();
      r.write(file, `${r.read(file)}\n// touched\n`.replace('\n// touched\n', file.endsWith('.ts') ? '\n// touched\n' : '\n# touched\n'));
      r.git('add', file);
      const { code, report } = await precommitJson(r);
      expect(code, file).toBe(0);
      expect(report.summary.formations, file).toBe(3);
    }
  });

  it('exits 0 quickly when nothing is staged, or nothing staged belongs to the project', async () => {
    const r = repo();
    const nothing = await precommit(r);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toBe('');
    r.write('README.md', '# hello\n');
    r.write('stencils/web.yaml', LATEST(r.read('stencils/web.yaml'))); // unstaged
    r.git('add', 'README.md');
    const unrelated = await precommit(r);
    expect(unrelated.code).toBe(0);
    expect(unrelated.stdout).toBe('');
    expect(unrelated.stderr.trim().split('\n')).toHaveLength(1);
    expect((await precommit(r, [], r.dir)).code).toBe(0);
    const quiet = await runCli(['--quiet', 'precommit'], r.dir);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints nothing with --quiet when the staged change passes', async () => {
    const r = repo();
    r.write('formations/_prod.yaml', 'values:\n  replicas: 4\n  lbIp: 203.0.113.10\n');
    r.git('add', 'formations/_prod.yaml');
    const result = await precommit(r, []);
    expect(result.code).toBe(0);
    const quiet = await runCli(['--quiet', 'precommit'], r.dir, { XDG_CACHE_HOME: path.join(r.dir, '.git', 'cache') });
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('works in a repository with no commits yet (no baseline)', async () => {
    const r = repo({ commit: false });
    r.git('add', '.');
    const { code, report, result } = await precommitJson(r);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(code).toBe(0);
    expect(report.summary.formations).toBe(3);
    expect(report.diagnostics).toEqual([]);
  });

  it('reports a staged file that does not load (exit 2), even when it selects no formation', async () => {
    const r = repo();
    r.write("stencils/unused.yaml", "kind: ConfigMap\nmetadata:\n  name: x-${a+b}\n");
    r.git('add', 'stencils/unused.yaml');
    const { code, report } = await precommitJson(r);
    expect(code).toBe(2);
    expect(report.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['PLACEHOLDER_SYNTAX', 'stencils/unused.yaml']);
  });

  it('a deleted stencil re-checks every formation (a glob may now match nothing)', async () => {
    const r = repo();
    r.git('rm', '-q', 'stencils/web.yaml');
    const { code, report } = await precommitJson(r);
    expect(code).toBe(2);
    expect(report.diagnostics.map((d) => d.code)).toContain('GLOB_NO_MATCH');
  });

  it('needs no secret backend: references are redacted and never resolved', async () => {
    const r = repo();
    r.write('formations/_base.yaml', `${r.read('formations/_base.yaml')}secrets:\n  token: env:APP_TOKEN\n`);
    r.write('stencils/web.yaml', r.read('stencils/web.yaml').replace('  name: web\n', '  name: web\n  annotations: { token: "${secrets.token}" }\n'));
    r.git('add', '.');
    const withValue = await precommit(r, ['--format', 'json'], r.dir, { APP_TOKEN: 'canary-value-9f3' });
    expect(withValue.code).toBe(0);
    expect(withValue.stdout + withValue.stderr).not.toContain('canary-value-9f3');
    expect((await precommit(r)).code).toBe(0);
  });

  it('finds a project in a subdirectory of the work tree (--project)', async () => {
    const r = repo({ subdir: 'deploy' });
    r.write('deploy/stencils/web.yaml', LATEST(r.read('deploy/stencils/web.yaml')));
    r.git('add', 'deploy/stencils/web.yaml');
    const fromTop = await precommit(r, [], r.dir, {});
    expect(fromTop.code).not.toBe(1); // the top has no project
    const withProject = await runCli(['--project', 'deploy', 'precommit', '--format', 'json'], r.dir, { XDG_CACHE_HOME: path.join(r.dir, '.git', 'c') });
    expect(withProject.code).toBe(1);
    const fromInside = await precommit(r, [], path.join(r.dir, 'deploy'));
    expect(fromInside.code).toBe(1);
  });

  it('reads HEAD of a project in a subdirectory for the baseline', async () => {
    const r = repo({ subdir: 'deploy' });
    r.write('deploy/formations/_prod.yaml', 'values:\n  replicas: 3\n  lbIp: 203.0.113.99\n');
    r.git('add', '.');
    const { code, report } = await precommitJson(r, [], path.join(r.dir, 'deploy'));
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.policy, f.from, f.to])).toEqual([['lb-ip-change', '203.0.113.10', '203.0.113.99']]);
  });

  it('outside a git repository is an error (exit 2) without a stack trace', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    fs.cpSync(FIXTURE, t.dir, { recursive: true });
    const result = await runCli(['precommit'], t.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PRECOMMIT_NOT_GIT');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('affectedFormations', () => {
  const cases: { staged: string[]; formations: string[]; all?: boolean }[] = [
    { staged: ['stencils/web.yaml'], formations: ['canary', 'production', 'staging'] },
    { staged: ['stencils/worker.yaml'], formations: ['production'] },
    { staged: ['stencils/lb.yaml'], formations: ['production'] },
    { staged: ['formations/_prod.yaml'], formations: ['production'] },
    { staged: ['formations/_base.yaml'], formations: ['canary', 'production', 'staging'] },
    { staged: ['formations/canary.yaml'], formations: ['canary'] },
    { staged: ['formations/staging.yaml', 'stencils/worker.yaml'], formations: ['production', 'staging'] },
    { staged: ['copperplate.yaml'], formations: ['canary', 'production', 'staging'], all: true },
    { staged: ['approvals.yaml'], formations: ['canary', 'production', 'staging'], all: true },
    { staged: ['policies/replicas-limit.ts'], formations: ['canary', 'production', 'staging'], all: true },
    { staged: ['formations/values.schema.json'], formations: ['canary', 'production', 'staging'], all: true },
    { staged: ['crds/widget.yaml'], formations: ['canary', 'production', 'staging'], all: true },
    { staged: ['stencils/gone.yaml'], formations: ['canary', 'production', 'staging'], all: true },
    { staged: ['stencils/_partial.yaml', 'README.md', 'docs/x.yaml'], formations: [] },
    { staged: [], formations: [] },
  ];
  it.each(cases)('$staged → $formations', async ({ staged, formations, all }) => {
    const project = await loadProject({ root: FIXTURE, fs: nodeFs });
    const affected = affectedFormations(project, staged);
    expect(affected.formations).toEqual(formations);
    expect(affected.all).toBe(all ?? false);
  });

  it('the allowed-signers file of approvalSigning affects every formation', async () => {
    const loaded = await loadProject({ root: FIXTURE, fs: nodeFs });
    const project = { ...loaded, config: { ...loaded.config, approvalSigning: { allowedSigners: '.copperplate/allowed_signers', require: true } } };
    expect(affectedFormations(project, ['.copperplate/allowed_signers'])).toMatchObject({ formations: ['canary', 'production', 'staging'], all: true });
    expect(affectedFormations(loaded, ['.copperplate/allowed_signers'])).toMatchObject({ formations: [], all: false });
  });
});
