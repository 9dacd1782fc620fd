import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/core/project-fs.js';
import { check, render } from '../../src/engine/api.js';
import { loadProject } from '../../src/engine/project.js';
import {
  awskmsProvider,
  envProvider,
  fileProvider,
  sopsProvider,
  vaultProvider,
  type ParsedSecretRef,
  type SecretProvider,
  type SecretProviderContext,
  type SecretRefSpec,
} from '../../src/secrets/index.js';
import { CANARY, CanaryBackends, CREDENTIAL, REFERENCE, dump, expectNoneOf, write } from './support/canary-backends.js';

const backends = new CanaryBackends();
const projects: { dir: string; remove: () => void }[] = [];

beforeAll(async () => {
  await backends.start();
});
afterAll(async () => {
  for (const p of projects) p.remove();
  await backends.stop();
});
beforeEach(() => backends.reset());

function newProject(): string {
  const p = backends.project();
  projects.push(p);
  return p.dir;
}

/** The result with the manifest streams (allowed to hold the values in resolve mode) left out. */
function withoutStreams<T extends { manifests: ReadonlyMap<string, string> }>(result: T): Omit<T, 'manifests'> & { manifestNames: string[] } {
  const { manifests, ...rest } = result;
  return { ...rest, manifestNames: [...manifests.keys()] };
}

describe('library render(): values only in the manifests map', () => {
  it('resolve: every canary in manifests, none anywhere else in the result', async () => {
    const dir = newProject();
    const project = await loadProject({ root: dir });
    const result = await render(project, { formations: ['prod'], secrets: 'resolve', env: backends.env(), homeDir: dir });
    expect(result.report.exitCode).toBe(0);
    const stream = result.manifests.get('prod') ?? '';
    for (const canary of Object.values(CANARY)) expect(stream).toContain(canary);
    // the rendered documents, formations, report: inspected and serialised as deep as they go
    expectNoneOf(backends.forbidden(), { result: dump(withoutStreams(result)), project: dump(project) });
    expect(result.formations[0]?.documents.some((d) => d.secrets.size > 0)).toBe(true);
    // the inspection did reach the wrapped values: they print as their redaction
    expect(dump(withoutStreams(result))).toContain('SecretValue(vault_kv2)');
  });

  it('resolve with every backend failing: exit 2, no manifests, diagnostics name the references and nothing secret', async () => {
    const dir = newProject();
    write(dir, 'secrets/shop.enc.yaml', backends.sopsTampered);
    write(dir, 'formations/prod.yaml', backends.formationYaml({ kmsBlob: backends.kmsDeniedBlob }));
    fs.rmSync(path.join(dir, 'ci', 'token.txt'));
    const env: Record<string, string | undefined> = { ...backends.env(), VAULT_TOKEN: 'hvs.CANARY-cred-wrong-token-91aa' };
    delete env['SHOP_CI_TOKEN'];
    const project = await loadProject({ root: dir });
    const result = await render(project, { formations: ['prod'], secrets: 'resolve', env, homeDir: dir });
    expect(result.report.exitCode).toBe(2);
    expect(result.manifests.size).toBe(0);
    expect(result.formations.map((f) => f.documents)).toEqual([[]]);
    const messages = result.report.diagnostics.map((d) => `${d.code} ${d.message}`);
    for (const ref of Object.values(REFERENCE)) expect(messages.some((m) => m.includes(ref))).toBe(true);
    expect(result.report.diagnostics.map((d) => d.code).sort()).toEqual(
      ['SECRET_ACCESS_DENIED', 'SECRET_NOT_FOUND', 'SECRET_NOT_FOUND', 'SOPS_MAC_MISMATCH', 'VAULT_AUTH_FAILED', 'VAULT_AUTH_FAILED'].sort(),
    );
    expectNoneOf([...backends.forbidden(), backends.kmsDeniedBlob, backends.kmsDeniedBlob.slice(0, 24)], { result: dump(result) });
  });

  it('a policy echoing a value it read behind copperplate\'s back: message, from and to masked in the report', async () => {
    const dir = newProject();
    write(
      dir,
      'policies/echo.ts',
      `import { readFileSync } from 'node:fs';
import { definePolicy } from 'copperplate/policy';
export default definePolicy({
  id: 'echo',
  title: 'echoes the token',
  severity: 'warning',
  match: { kinds: ['Secret'] },
  check(resource, ctx) {
    const token = readFileSync(${JSON.stringify(path.join(dir, 'ci', 'token.txt'))}, 'utf8').trim();
    ctx.report({ message: 'saw ' + token, path: ['stringData', 'file'], from: token, to: { nested: [token + '!'] } });
  },
});
`,
    );
    const project = await loadProject({ root: dir });
    const result = await render(project, { formations: ['prod'], secrets: 'resolve', env: backends.env(), homeDir: dir });
    expect(result.report.exitCode).toBe(0);
    const finding = result.report.findings.find((f) => f.policy === 'echo');
    expect(finding).toMatchObject({ message: 'saw ••••••', from: '••••••', to: { nested: ['••••••!'] } });
    expectNoneOf(backends.forbidden(), { result: dump(withoutStreams(result)) });
  });

  it('redact (the library default) and check(): stand-ins only, no backend contacted, no credentials needed', async () => {
    const dir = newProject();
    const project = await loadProject({ root: dir });
    const rendered = await render(project, { formations: ['prod'] });
    expect(rendered.report.exitCode).toBe(0);
    expect(rendered.manifests.get('prod')).toContain('(secret:vault_kv1)');
    const checked = await check(project, {});
    expect(checked.report.exitCode).toBe(0);
    expectNoneOf(backends.forbidden(), { render: dump(rendered), check: dump(checked) });
    expect(backends.vault.requests).toEqual([]);
    expect(backends.kms.requests).toEqual([]);
  });
});

describe('errors thrown by the providers: nothing secret when inspected, serialised or printed', () => {
  function context(env: Record<string, string | undefined>, root: string): SecretProviderContext & { close: () => void } {
    const memos = new Map<string, Promise<unknown>>();
    const cleanups: (() => void)[] = [];
    return {
      projectRoot: root,
      fs: nodeFs,
      env,
      homeDir: root,
      config: {},
      timeoutMs: 5_000,
      retries: 1,
      retryDelayMs: 1,
      memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
        if (!memos.has(key)) memos.set(key, fn());
        return memos.get(key) as Promise<T>;
      },
      atEnd: (cleanup) => cleanups.push(cleanup),
      close: () => cleanups.forEach((c) => c()),
    };
  }

  async function thrown(provider: SecretProvider, spec: SecretRefSpec, env: Record<string, string | undefined>, root: string): Promise<unknown> {
    const body = typeof spec === 'string' ? spec.slice(spec.indexOf(':') + 1) : spec;
    const ref = provider.parse(body) as ParsedSecretRef;
    expect(ref).toHaveProperty('fetchKey');
    const ctx = context(env, root);
    try {
      await provider.fetch(ref, ctx);
    } catch (error) {
      return error;
    } finally {
      ctx.close();
    }
    throw new Error(`${provider.scheme} did not fail`);
  }

  const WRONG_TOKEN = 'hvs.CANARY-cred-wrong-token-2c44';
  interface ThrowCase {
    provider: SecretProvider;
    spec: SecretRefSpec;
    env: Record<string, string | undefined>;
    /** Changes the project or the servers first. */
    setup?: (dir: string) => void;
  }
  const cases: [string, () => ThrowCase][] = [
    ['Vault rejects the token', () => ({ provider: vaultProvider, spec: REFERENCE.vault_kv2, env: { ...backends.env(), VAULT_TOKEN: WRONG_TOKEN } })],
    ['Vault answers 500', () => ({
      provider: vaultProvider,
      spec: REFERENCE.vault_kv1,
      env: backends.env(),
      setup: () => backends.vault.faults.push({ match: () => true, status: 500 }),
    })],
    ['Vault is not listening', () => ({ provider: vaultProvider, spec: REFERENCE.vault_kv2, env: { ...backends.env(), VAULT_ADDR: 'http://127.0.0.1:9' } })],
    ['Vault AppRole with a wrong secret id', () => ({
      provider: vaultProvider,
      spec: REFERENCE.vault_kv2,
      env: { VAULT_ADDR: backends.vault.url, VAULT_ROLE_ID: 'e2e-role', VAULT_SECRET_ID: 'CANARY-cred-wrong-secret-id-5e5e' },
    })],
    ['KMS AccessDenied', () => ({ provider: awskmsProvider, spec: { awskms: backends.kmsDeniedBlob, context: { app: 'shop', env: 'prod' } }, env: backends.env() })],
    ['KMS wrong context', () => ({ provider: awskmsProvider, spec: { awskms: backends.kmsBlob, context: { app: 'shop' } }, env: backends.env() })],
    ['KMS wrong credentials', () => ({
      provider: awskmsProvider,
      spec: { awskms: backends.kmsBlob, context: { app: 'shop', env: 'prod' } },
      env: { ...backends.env(), AWS_ACCESS_KEY_ID: 'AKIDWRONG' },
    })],
    ['sops tampered', () => ({
      provider: sopsProvider,
      spec: REFERENCE.sops,
      env: backends.env(),
      setup: (dir) => write(dir, 'secrets/shop.enc.yaml', backends.sopsTampered),
    })],
    ['env missing', () => ({ provider: envProvider, spec: REFERENCE.env, env: {} })],
    ['file missing', () => ({ provider: fileProvider, spec: REFERENCE.file, env: {}, setup: (dir) => fs.rmSync(path.join(dir, 'ci', 'token.txt')) })],
  ];

  it.each(cases)('%s', async (_name, arrange) => {
    const dir = newProject();
    const { provider, spec, env, setup } = arrange();
    setup?.(dir);
    const error = await thrown(provider, spec, env, dir);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: unknown }).code).toMatch(/^[A-Z_]+$/);
    expectNoneOf(
      [...backends.forbidden(), WRONG_TOKEN, CREDENTIAL.approleSecretId, backends.kmsBlob, backends.kmsDeniedBlob, backends.kmsBlob.slice(0, 24)],
      { error: dump(error) },
    );
  });
});
