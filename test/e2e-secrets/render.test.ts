import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';
import { CANARY, CanaryBackends, cli, expectNoneOf, readTree } from './support/canary-backends.js';

const backends = new CanaryBackends();
let project: { dir: string; remove: () => void };

beforeAll(async () => {
  await backends.start();
  project = backends.project();
});
afterAll(async () => {
  project.remove();
  await backends.stop();
});
beforeEach(() => backends.reset());

function secretData(stream: string): Record<string, string> {
  const secret = parseAllDocuments(stream)
    .map((d) => d.toJS() as { kind?: string; stringData?: Record<string, string> })
    .find((d) => d.kind === 'Secret');
  return secret?.stringData ?? {};
}

describe('render resolves every backend into the manifest stream and nowhere else', () => {
  it('render FORMATION: every canary on stdout, none on stderr', async () => {
    const r = await cli(['render', 'prod'], project.dir, backends.env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const data = secretData(r.stdout);
    expect(data).toMatchObject({
      'vault-kv2': CANARY.vault_kv2,
      'vault-kv1': CANARY.vault_kv1,
      awskms: CANARY.awskms,
      sops: CANARY.sops,
      env: CANARY.env,
      file: CANARY.file,
      dsn: `postgres://shop:${CANARY.vault_kv2}@db:5432/shop`,
    });
    expect(data['app.ini']).toBe(`[api]\nkey = ${CANARY.awskms}\ntoken = ${CANARY.file}\n`);
    expect(r.stdout).not.toContain('CANARY-vault-kv2-old-version');
    expectNoneOf(backends.forbidden(), { stderr: r.stderr });
    // credentials are not values: they do not reach the stream either
    expectNoneOf([backends.ageIdentity, 'CANARY-cred'], { stdout: r.stdout });
  });

  it('really talked to each backend: the token went to Vault, the context to KMS, each path once', async () => {
    const r = await cli(['render', 'prod'], project.dir, backends.env());
    expect(r.code).toBe(0);
    expect(backends.vault.requestsTo('secret/data/shop/db')).toHaveLength(1);
    expect(backends.vault.requestsTo('kv/shop/api')).toHaveLength(1);
    const decrypts = backends.kms.operations('Decrypt');
    expect(decrypts).toHaveLength(1);
    expect(JSON.parse(decrypts[0]!.body)).toMatchObject({ EncryptionContext: { app: 'shop', env: 'prod' } });
  });

  it('--debug changes nothing about where the values go', async () => {
    const r = await cli(['--debug', 'render', 'prod'], project.dir, backends.env());
    expect(r.code).toBe(0);
    expect(secretData(r.stdout)['sops']).toBe(CANARY.sops);
    expectNoneOf(backends.forbidden(), { stderr: r.stderr });
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('render --out with resolved secrets', () => {
  it('outside a git work tree: written 0600, canaries only in the file, nothing on stdout', async () => {
    const out = tempDir('copperplate-e2e-out-');
    try {
      const target = path.join(out.dir, 'rendered');
      const r = await cli(['render', 'prod', '--out', target], project.dir, backends.env());
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expectNoneOf(backends.forbidden(), { stderr: r.stderr });
      const files = readTree(target);
      // the manifests, and their redacted copy for --baseline-dir (no secret in it)
      expect(Object.keys(files).sort()).toEqual(['.copperplate/prod.redacted', 'prod.yaml']);
      expectNoneOf(backends.forbidden(), { copy: files['.copperplate/prod.redacted']! });
      expect(fs.statSync(path.join(target, 'prod.yaml')).mode & 0o777).toBe(0o600);
      expect(secretData(files['prod.yaml']!)).toMatchObject({ 'vault-kv1': CANARY.vault_kv1, file: CANARY.file, env: CANARY.env });
    } finally {
      out.remove();
    }
  });

  it('inside a git work tree: refused with exit 2 and nothing written, unless --allow-secrets-in-worktree', async () => {
    const repo = tempDir('copperplate-e2e-repo-');
    try {
      execFileSync('git', ['init', '-q', repo.dir]);
      const target = path.join(repo.dir, 'deploy', 'rendered');
      const refused = await cli(['render', 'prod', '--out', target], project.dir, backends.env());
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('OUT_IN_WORKTREE');
      expectNoneOf(backends.forbidden(), { stderr: refused.stderr });
      expect(fs.existsSync(target)).toBe(false);

      const allowed = await cli(['render', 'prod', '--out', target, '--allow-secrets-in-worktree'], project.dir, backends.env());
      expect(allowed.code).toBe(0);
      expect(allowed.stdout).toBe('');
      expectNoneOf(backends.forbidden(), { stderr: allowed.stderr });
      expect(fs.statSync(path.join(target, 'prod.yaml')).mode & 0o777).toBe(0o600);
      expect(secretData(fs.readFileSync(path.join(target, 'prod.yaml'), 'utf8'))['vault-kv2']).toBe(CANARY.vault_kv2);
      // no temp file left behind by the atomic write
      expect(fs.readdirSync(target).sort()).toEqual(['.copperplate', 'prod.yaml']);
      expect(fs.readdirSync(path.join(target, '.copperplate'))).toEqual(['prod.redacted']);
    } finally {
      repo.remove();
    }
  });

  it('a path that reaches into a git work tree through a symlink is refused too', async () => {
    const repo = tempDir('copperplate-e2e-repo-');
    const outside = tempDir('copperplate-e2e-link-');
    try {
      execFileSync('git', ['init', '-q', repo.dir]);
      fs.mkdirSync(path.join(repo.dir, 'deploy'));
      fs.symlinkSync(path.join(repo.dir, 'deploy'), path.join(outside.dir, 'deploy'));
      const target = path.join(outside.dir, 'deploy', 'rendered');
      const r = await cli(['render', 'prod', '--out', target], project.dir, backends.env());
      expect(r.stderr).toContain('OUT_IN_WORKTREE');
      expect(r.code).toBe(2);
      expect(fs.existsSync(path.join(repo.dir, 'deploy', 'rendered'))).toBe(false);
      expectNoneOf(backends.forbidden(), { stderr: r.stderr });
    } finally {
      outside.remove();
      repo.remove();
    }
  });

  it('a write that fails leaves no temp file with the values behind', async () => {
    const out = tempDir('copperplate-e2e-out-');
    try {
      // the target name is taken by a directory: the rename onto it fails
      fs.mkdirSync(path.join(out.dir, 'prod.yaml'));
      for (const argv of [['render', 'prod', '--out', out.dir], ['--debug', 'render', 'prod', '--out', out.dir]]) {
        const r = await cli(argv, project.dir, backends.env());
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expectNoneOf(backends.forbidden(), { stderr: r.stderr });
        expect(fs.readdirSync(out.dir)).toEqual(['prod.yaml']);
        expect(fs.readdirSync(path.join(out.dir, 'prod.yaml'))).toEqual([]);
      }
    } finally {
      out.remove();
    }
  });

  it('--out naming an existing file: exit 2, nothing written, nothing leaked (also with --debug)', async () => {
    const out = tempDir('copperplate-e2e-out-');
    try {
      const file = path.join(out.dir, 'not-a-dir');
      fs.writeFileSync(file, 'x');
      for (const argv of [['render', 'prod', '--out', file], ['--debug', 'render', 'prod', '--out', file]]) {
        const r = await cli(argv, project.dir, backends.env());
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expectNoneOf(backends.forbidden(), { stderr: r.stderr });
      }
      expect(fs.readdirSync(out.dir)).toEqual(['not-a-dir']);
    } finally {
      out.remove();
    }
  });

  it('a relative --out resolved against the working directory inside the project work tree is refused too', async () => {
    const repo = tempDir('copperplate-e2e-repo-');
    try {
      fs.cpSync(project.dir, repo.dir, { recursive: true });
      execFileSync('git', ['init', '-q', repo.dir]);
      const r = await cli(['render', 'prod', '--out', 'out'], repo.dir, backends.env());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('OUT_IN_WORKTREE');
      expect(fs.existsSync(path.join(repo.dir, 'out'))).toBe(false);
      expectNoneOf(backends.forbidden(), { stderr: r.stderr });
    } finally {
      repo.remove();
    }
  });
});
