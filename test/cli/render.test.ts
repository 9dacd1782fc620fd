import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempDir, tempProject } from '../support/temp-project.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function project(files: Record<string, string>): string {
  const t = tempProject(files);
  cleanups.push(t.remove);
  return t.dir;
}

const SIMPLE = {
  'stencils/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  replicas: ${replicas}\n',
  'formations/dev.yaml': 'environment: dev\nvalues:\n  name: app\n  replicas: 2\n',
  'formations/prod.yaml': 'environment: prod\nvalues:\n  name: app\n  replicas: 5\n',
};

describe('copperplate render (demo project)', () => {
  it.each(['staging', 'production-aws', 'production-onprem'])('renders %s: exit 0 and a YAML stream on stdout', async (formation) => {
    const r = await runCli(['render', formation, '--secrets', 'redact'], repoRoot);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('---\n# Source: stencils/')).toBe(true);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string });
    expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ConfigMap', 'Secret']));
    // redacted: stand-ins, never a decrypted value
    expect(r.stdout).toMatch(/\(secret:[a-z_]+\)/);
  });

  it('is byte-identical across runs, for one formation and for --all', async () => {
    for (const argv of [['render', 'production-aws', '--secrets', 'redact'], ['render', '--all', '--secrets', 'redact']]) {
      const a = await runCli(argv, repoRoot);
      const b = await runCli(argv, repoRoot);
      expect(a.code).toBe(0);
      expect(a.stdout.length).toBeGreaterThan(100);
      expect(b.stdout).toBe(a.stdout);
      expect(b.stderr).toBe(a.stderr);
    }
  });

  it('--all renders every formation, each under a # Formation: header', async () => {
    const r = await runCli(['render', '--all', '--secrets', 'redact'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^# Formation: .+$/gm)).toEqual(['# Formation: production-aws', '# Formation: production-onprem', '# Formation: staging']);
  });

  it('finds the project from a subdirectory (nearest ancestor with stencils/)', async () => {
    const r = await runCli(['render', 'staging', '--secrets', 'redact'], path.join(repoRoot, 'stencils', 'web'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Source: stencils/web/deployment.yaml');
  });
});

describe('copperplate render (project files)', () => {
  it('renders a formation written as .yml, by name and with --all', async () => {
    const dir = project({ 'stencils/config.yml': SIMPLE['stencils/config.yaml'], 'formations/dev.yml': SIMPLE['formations/dev.yaml'] });
    for (const argv of [['render', 'dev'], ['render', '--all'], ['render']]) {
      const r = await runCli([...argv, '--secrets', 'redact', '--no-check'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('# Source: stencils/config.yml');
    }
  });
});

describe('copperplate render (errors)', () => {
  it('exit 2 with file:line:column on stderr and nothing on stdout for an undefined placeholder', async () => {
    const dir = project({ ...SIMPLE, 'stencils/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${nope}\n' });
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('stencils/broken.yaml:6:6');
    expect(r.stderr).toContain('PLACEHOLDER_UNDEFINED');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('renders no formation at all when one of several fails (no partial stream)', async () => {
    const dir = project({ ...SIMPLE, 'formations/prod.yaml': 'environment: prod\nvalues:\n  name: app\n' });
    const r = await runCli(['render', '--all', '--secrets', 'redact', '--no-check'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('stencils/config.yaml:6:13');
  });

  it.each([
    ['malformed YAML', { 'stencils/config.yaml': 'kind: ConfigMap\nmetadata: { name: x\n' }, 'stencils/config.yaml:2:11'],
    ['unknown top-level key', { 'formations/dev.yaml': 'environment: dev\nvalus: {}\n' }, 'formations/dev.yaml:2:1'],
    ['missing extends file', { 'formations/dev.yaml': 'extends: _nope.yaml\nenvironment: dev\n' }, 'formations/dev.yaml:1:10'],
    ['layer cycle', { 'formations/dev.yaml': 'extends: _a.yaml\nenvironment: dev\n', 'formations/_a.yaml': 'extends: dev.yaml\n' }, 'formations/_a.yaml:1:10'],
    ['glob matching nothing', { 'formations/dev.yaml': 'environment: dev\nstencils:\n  include: [nothing/**]\n' }, 'formations/dev.yaml:3:13'],
  ])('%s: exit 2, a located diagnostic, no stack trace, empty stdout', async (_label, files, where) => {
    const dir = project({ ...SIMPLE, ...files });
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check', '--set', 'name=x', '--set', 'replicas=1'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(where);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('a wrong --set path is exit 2', async () => {
    const dir = project(SIMPLE);
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check', '--set', 'replicas.x=1'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('SET_INVALID');
  });

  it('an unreadable --values file is exit 2', async () => {
    const dir = project(SIMPLE);
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check', '--values', 'missing.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing.yaml');
  });

  it('usage: no formation named while there are several is exit 2', async () => {
    const dir = project(SIMPLE);
    const r = await runCli(['render', '--secrets', 'redact'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('usage: an unknown formation is exit 2 with a suggestion', async () => {
    const dir = project(SIMPLE);
    const r = await runCli(['render', 'prd', '--secrets', 'redact', '--no-check'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('FORMATION_NOT_FOUND');
    expect(r.stderr).toContain('prod');
  });

  it('usage: a bad --secrets mode is exit 2', async () => {
    const dir = project(SIMPLE);
    const r = await runCli(['render', 'dev', '--secrets', 'maybe'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('a directory that is no project is exit 2', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const r = await runCli(['render', '--all', '--secrets', 'redact'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('copperplate render --out DIR', () => {
  it('writes DIR/<formation>.yaml, the same stream as stdout, leaving no temp files', async () => {
    const dir = project(SIMPLE);
    const out = path.join(dir, 'rendered');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'dev.yaml'), 'stale content that must be replaced entirely\n'.repeat(100));
    const r = await runCli(['render', 'dev', 'prod', '--secrets', 'redact', '--no-check', '--out', 'rendered'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(out).sort()).toEqual(['dev.yaml', 'prod.yaml']);
    for (const f of ['dev', 'prod']) {
      const single = await runCli(['render', f, '--secrets', 'redact', '--no-check'], dir);
      expect(fs.readFileSync(path.join(out, `${f}.yaml`), 'utf8')).toBe(single.stdout);
    }
  });

  it('writes nothing when the render fails', async () => {
    const dir = project({ ...SIMPLE, 'formations/prod.yaml': 'environment: prod\n' });
    const r = await runCli(['render', '--all', '--secrets', 'redact', '--no-check', '--out', 'rendered'], dir);
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'rendered'))).toBe(false);
  });
});

describe('copperplate render: values, schema and secrets through the CLI', () => {
  const SECRET_PROJECT = {
    'stencils/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  token: ${secrets.token}\n  url: "https://u:${secrets.token}@db"\n',
    'formations/dev.yaml': 'environment: dev\nsecrets:\n  token: env:MY_TOKEN\n',
  };

  it('resolve mode substitutes the secret, typed safely for YAML 1.1 readers', async () => {
    const dir = project(SECRET_PROJECT);
    for (const [value, expected] of [
      ['s3cr3t', '  token: s3cr3t\n'],
      ['yes', '  token: "yes"\n'],
      ['0775', '  token: "0775"\n'],
      ['line1\nline2\n', '  token: |\n    line1\n    line2\n'],
    ] as const) {
      const r = await runCli(['render', 'dev', '--no-check'], dir, { MY_TOKEN: value });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(expected);
      const [doc] = parseAllDocuments(r.stdout, { version: '1.1' });
      expect((doc!.toJS() as { stringData: { token: string } }).stringData.token).toBe(value);
    }
  });

  it('redact mode contacts nothing and never prints the value', async () => {
    const dir = project(SECRET_PROJECT);
    const r = await runCli(['render', 'dev', '--no-check', '--secrets', 'redact'], dir, { MY_TOKEN: 's3cr3t' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('token: (secret:token)');
    expect(r.stdout).toContain('url: https://u:(secret:token)@db');
    expect(r.stdout + r.stderr).not.toContain('s3cr3t');
  });

  it('--out refuses resolved secrets inside a git work tree unless allowed, then writes 0600', async () => {
    const dir = project(SECRET_PROJECT);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const refused = await runCli(['render', 'dev', '--no-check', '--out', 'out'], dir, { MY_TOKEN: 's3cr3t' });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('OUT_IN_WORKTREE');
    expect(refused.stderr).not.toContain('s3cr3t');
    expect(fs.existsSync(path.join(dir, 'out', 'dev.yaml'))).toBe(false);

    const allowed = await runCli(['render', 'dev', '--no-check', '--out', 'out', '--allow-secrets-in-worktree'], dir, { MY_TOKEN: 's3cr3t' });
    expect(allowed.code).toBe(0);
    const file = path.join(dir, 'out', 'dev.yaml');
    expect(fs.readFileSync(file, 'utf8')).toContain('token: s3cr3t');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a values-schema error on a --set value points at the --set', async () => {
    const dir = project({
      ...SIMPLE,
      'formations/values.schema.json': JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer', minimum: 1 } } }),
    });
    const ok = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check'], dir);
    expect(ok.code).toBe(0);
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check', '--set', 'replicas=0'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('VALUES_SCHEMA');
    expect(r.stderr).toContain('--set replicas');
  });

  it('a --values file merges after the layers and its syntax errors are located in it', async () => {
    const dir = project({ ...SIMPLE, 'extra.yaml': 'replicas: 9\n', 'broken.yaml': 'replicas: [1\n' });
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check', '--values', 'extra.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('replicas: 9');
    const bad = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check', '--values', 'broken.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('broken.yaml:1:11');
  });
});
