import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/core/project-fs.js';
import { revealSecret } from '../../src/core/secret-value.js';
import { resolveSecrets, secretKey, type ResolveSecretsOptions, type SecretRequest } from '../../src/secrets/index.js';
import { VaultClient } from '../../src/secrets/vault-client.js';
import { VaultTestServer } from './support/vault-server.js';

const TOKEN = 'hvs.CANARY-root-token-5e1f';
const SECRET_ID = 'CANARY-approle-secret-id-77aa';
const K8S_JWT = 'eyJ.CANARY-k8s-sa-token.sig';
const CI_JWT = 'eyJ.CANARY-ci-oidc-token.sig';
const VALUE = 'CANARY-vault-db-password-9c2d';

const vault = new VaultTestServer({
  tokens: [TOKEN],
  mounts: {
    'secret/': {
      version: 2,
      secrets: {
        'shop/db': [{ password: 'old-password', user: 'shop' }, { password: VALUE, user: 'shop', port: 5432 }],
        'shop/api': [{ key: 'api-key-value' }],
      },
    },
    'kv/': { version: 1, secrets: { 'legacy/app': [{ token: 'legacy-value', nested: { a: 1 } }] } },
  },
  approle: { roleId: 'role-123', secretId: SECRET_ID },
  kubernetes: { role: 'copperplate', jwt: K8S_JWT },
  jwt: { role: 'ci', jwt: CI_JWT },
});

const home = mkdtempSync(path.join(tmpdir(), 'cp-vault-home-'));
const emptyHome = mkdtempSync(path.join(tmpdir(), 'cp-vault-empty-'));

beforeAll(async () => {
  await vault.start();
});
afterAll(async () => {
  await vault.close();
});
beforeEach(() => vault.reset());

function opts(env: Record<string, string>, extra: Partial<ResolveSecretsOptions> = {}): ResolveSecretsOptions {
  return {
    mode: 'resolve',
    projectRoot: '/project',
    fs: memoryFs({}),
    env: { VAULT_ADDR: vault.url, ...env },
    homeDir: emptyHome,
    config: {},
    retryDelayMs: 1,
    ...extra,
  };
}

const at = (line: number) => ({ file: 'formations/prod.yaml', line, column: 5 });
const req = (name: string, ref: string, line = 1): SecretRequest => ({ formation: 'prod', name, ref, at: at(line) });

function value(values: Map<string, { toString(): string }>, name: string): string | undefined {
  const v = values.get(secretKey('prod', name));
  return v === undefined ? undefined : revealSecret(v as never);
}

/** Everything a person or a log could see of a result. */
function printed(x: unknown): string {
  return `${JSON.stringify(x)}\n${inspect(x, { depth: 10, showHidden: true })}\n${String(x)}`;
}

function expectNoCanary(x: unknown): void {
  const text = printed(x);
  for (const canary of [TOKEN, SECRET_ID, K8S_JWT, CI_JWT, VALUE, 'CANARY']) expect(text).not.toContain(canary);
}

describe('vault provider', () => {
  it('reads KV v2 and v1 with token auth, each path once, mounts detected per path', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [
        req('db_password', 'vault:secret/shop/db#password'),
        req('db_user', 'vault:secret/shop/db#user'),
        req('db_port', 'vault:secret/shop/db#port'),
        req('api', 'vault:secret/shop/api#key'),
        req('legacy', 'vault:kv/legacy/app#token'),
      ],
      opts({ VAULT_TOKEN: TOKEN }),
    );
    expect(diagnostics).toEqual([]);
    expect(value(values, 'db_password')).toBe(VALUE);
    expect(value(values, 'db_user')).toBe('shop');
    expect(value(values, 'db_port')).toBe('5432');
    expect(value(values, 'api')).toBe('api-key-value');
    expect(value(values, 'legacy')).toBe('legacy-value');
    expect(vault.requestsTo('secret/data/shop/db')).toHaveLength(1);
    expect(vault.requestsTo('kv/legacy/app')).toHaveLength(1);
    expect(vault.requestsTo('auth/token/lookup-self')).toHaveLength(1);
    // once per mount, not per path
    expect(vault.requests.filter((r) => r.path.startsWith('/v1/sys/internal/ui/mounts/'))).toHaveLength(2);
    expect(vault.requests.every((r) => r.headers['x-vault-token'] === TOKEN)).toBe(true);
    expectNoCanary(values);
  });

  it('reads pinned versions from KV v2 and refuses them on KV v1', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [req('v1', 'vault:secret/shop/db#password@1', 1), req('v2', 'vault:secret/shop/db#password@2', 2), req('bad', 'vault:kv/legacy/app#token@2', 3)],
      opts({ VAULT_TOKEN: TOKEN }),
    );
    expect(value(values, 'v1')).toBe('old-password');
    expect(value(values, 'v2')).toBe(VALUE);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['VAULT_VERSION_UNSUPPORTED', 3]]);
    expect(vault.requests.filter((r) => r.path.startsWith('/v1/secret/data/shop/db?version=')).map((r) => r.path).sort()).toEqual([
      '/v1/secret/data/shop/db?version=1',
      '/v1/secret/data/shop/db?version=2',
    ]);
  });

  it('works with a Vault-compatible server that has no mounts or lookup-self endpoint', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/sys/') || r.path.startsWith('/v1/auth/token/'), status: 404 });
    const { values, diagnostics } = await resolveSecrets(
      [req('v2', 'vault:secret/shop/db#password'), req('v1', 'vault:kv/legacy/app#token'), req('pinned', 'vault:secret/shop/db#password@1')],
      opts({ VAULT_TOKEN: TOKEN }),
    );
    expect(diagnostics).toEqual([]);
    expect([value(values, 'v2'), value(values, 'v1'), value(values, 'pinned')]).toEqual([VALUE, 'legacy-value', 'old-password']);
  });

  it('skips mount detection when vault.kvVersion is set', async () => {
    const { values } = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], opts({ VAULT_TOKEN: TOKEN }, { config: { vault: { kvVersion: 2 } } }));
    expect(value(values, 'a')).toBe('api-key-value');
    expect(vault.requests.some((r) => r.path.includes('sys/internal/ui/mounts'))).toBe(false);
  });

  it('takes the token from ~/.vault-token', async () => {
    writeFileSync(path.join(home, '.vault-token'), `${TOKEN}\n`);
    const { values, diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], opts({}, { homeDir: home }));
    expect(diagnostics).toEqual([]);
    expect(value(values, 'a')).toBe('api-key-value');
  });

  it.each([
    ['AppRole', { VAULT_ROLE_ID: 'role-123', VAULT_SECRET_ID: SECRET_ID }, 'auth/approle/login'],
    ['Kubernetes', { VAULT_K8S_ROLE: 'copperplate', VAULT_K8S_TOKEN_PATH: 'SA_TOKEN_FILE' }, 'auth/kubernetes/login'],
    ['JWT', { VAULT_JWT_ROLE: 'ci', VAULT_JWT: CI_JWT }, 'auth/jwt/login'],
  ])('logs in with %s once per run', async (_label, env, loginPath) => {
    const saFile = path.join(home, 'sa-token');
    writeFileSync(saFile, K8S_JWT);
    const realEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === 'SA_TOKEN_FILE' ? saFile : v]));
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'vault:secret/shop/api#key'), req('b', 'vault:secret/shop/db#user'), req('c', 'vault:kv/legacy/app#token')],
      opts(realEnv),
    );
    expect(diagnostics).toEqual([]);
    expect([value(values, 'a'), value(values, 'b'), value(values, 'c')]).toEqual(['api-key-value', 'shop', 'legacy-value']);
    expect(vault.requestsTo(loginPath)).toHaveLength(1);
    expect(vault.requestsTo('auth/token/lookup-self')).toHaveLength(0);
  });

  it.each([
    ['a rejected token', { VAULT_TOKEN: 'hvs.CANARY-wrong-token' }, 'VAULT_AUTH_FAILED'],
    ['a wrong AppRole secret id', { VAULT_ROLE_ID: 'role-123', VAULT_SECRET_ID: 'CANARY-wrong-secret-id' }, 'VAULT_AUTH_FAILED'],
    ['a wrong JWT', { VAULT_JWT_ROLE: 'ci', VAULT_JWT: 'CANARY-wrong-jwt' }, 'VAULT_AUTH_FAILED'],
    ['a missing service-account token', { VAULT_K8S_ROLE: 'copperplate', VAULT_K8S_TOKEN_PATH: '/nonexistent/token' }, 'VAULT_AUTH_MISSING'],
    ['no credentials at all', {}, 'VAULT_AUTH_MISSING'],
  ])('reports %s for every reference, at each reference', async (_label, env, code) => {
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'vault:secret/shop/api#key', 4), req('b', 'vault:kv/legacy/app#token', 9)],
      opts(env),
    );
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.formation])).toEqual([
      [code, 'formations/prod.yaml', 4, 5, 'prod'],
      [code, 'formations/prod.yaml', 9, 5, 'prod'],
    ]);
    expect(diagnostics[0]!.message).toContain('secret/shop/api#key');
    expectNoCanary(diagnostics);
  });

  it('sends X-Vault-Namespace on every request', async () => {
    const ns = new VaultTestServer({ ...vault.options, namespace: 'team-a/shop' });
    await ns.start();
    try {
      const base = { ...opts({ VAULT_ROLE_ID: 'role-123', VAULT_SECRET_ID: SECRET_ID }), env: { VAULT_ADDR: ns.url, VAULT_ROLE_ID: 'role-123', VAULT_SECRET_ID: SECRET_ID } };
      const ok = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], { ...base, env: { ...base.env, VAULT_NAMESPACE: 'team-a/shop' } });
      expect(ok.diagnostics).toEqual([]);
      expect(ns.requests.length).toBeGreaterThan(0);
      expect(ns.requests.every((r) => r.headers['x-vault-namespace'] === 'team-a/shop')).toBe(true);
      const viaConfig = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], { ...base, config: { vault: { namespace: 'team-a/shop' } } });
      expect(viaConfig.diagnostics).toEqual([]);
      const without = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], base);
      expect(without.diagnostics.map((d) => d.code)).toEqual(['VAULT_AUTH_FAILED']);
    } finally {
      await ns.close();
    }
  });

  it('reports missing paths and keys, naming the keys that exist', async () => {
    const { diagnostics } = await resolveSecrets(
      [req('a', 'vault:secret/shop/nope#x', 1), req('b', 'vault:secret/shop/db#nope', 2), req('c', 'vault:kv/legacy/app#nested', 3), req('d', 'vault:nomount/x#y', 4)],
      opts({ VAULT_TOKEN: TOKEN }),
    );
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SECRET_NOT_FOUND', 1],
      ['SECRET_NOT_FOUND', 2],
      ['SECRET_TYPE', 3],
      ['SECRET_NOT_FOUND', 4],
    ]);
    expect(diagnostics[1]!.hint).toMatch(/password.*port.*user/);
    expectNoCanary(diagnostics);
  });

  it('retries 500 answers, then reports the path', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/secret/data/shop/db'), status: 500 });
    const { values, diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], opts({ VAULT_TOKEN: TOKEN }, { retries: 2 }));
    expect(values.size).toBe(0);
    expect(vault.requestsTo('secret/data/shop/db')).toHaveLength(3);
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_UNRESOLVED']);
    expect(diagnostics[0]!.message).toContain('vault:secret/shop/db#password');
    expectNoCanary(diagnostics);
  });

  it('succeeds when a retry gets through', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/secret/data/shop/db'), status: 503, times: 2 });
    const { values, diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], opts({ VAULT_TOKEN: TOKEN }, { retries: 2 }));
    expect(diagnostics).toEqual([]);
    expect(value(values, 'a')).toBe(VALUE);
    expect(vault.requestsTo('secret/data/shop/db')).toHaveLength(3);
  });

  it('does not retry 403', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/secret/data/shop/db'), status: 403 });
    const { diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], opts({ VAULT_TOKEN: TOKEN }, { retries: 5 }));
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_ACCESS_DENIED']);
    expect(vault.requestsTo('secret/data/shop/db')).toHaveLength(1);
  });

  it('times out a slow answer', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/secret/data/shop/db'), delayMs: 30_000 });
    const { diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], opts({ VAULT_TOKEN: TOKEN }, { timeoutMs: 150 }));
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_TIMEOUT']);
    expectNoCanary(diagnostics);
  });

  it('reports a Vault that is not listening, and one with no address', async () => {
    const gone = new VaultTestServer({});
    await gone.start();
    const url = gone.url;
    await gone.close();
    const down = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], { ...opts({ VAULT_TOKEN: TOKEN }), env: { VAULT_ADDR: url, VAULT_TOKEN: TOKEN } });
    expect(down.diagnostics.map((d) => d.code)).toEqual(['SECRET_UNRESOLVED']);
    expect(down.diagnostics[0]!.message).toContain('ECONNREFUSED');
    const none = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], { ...opts({}), env: { VAULT_TOKEN: TOKEN } });
    expect(none.diagnostics.map((d) => d.code)).toEqual(['VAULT_ADDR_MISSING']);
    expectNoCanary([down, none]);
  });

  it('does not follow a redirect (the token would go along)', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/secret/data/'), status: 307 });
    const { diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], opts({ VAULT_TOKEN: TOKEN }));
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_UNRESOLVED']);
    expect(vault.requestsTo('secret/data/shop/db')).toHaveLength(1);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const many = new VaultTestServer({
      tokens: [TOKEN],
      mounts: { 'kv/': { version: 1, secrets: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}`, [{ k: `v${i}` }]])) } },
    });
    await many.start();
    many.answerDelayMs = 20;
    try {
      const { values, diagnostics } = await resolveSecrets(
        Array.from({ length: 12 }, (_, i) => req(`s${i}`, `vault:kv/p${i}#k`)),
        { ...opts({}), env: { VAULT_ADDR: many.url, VAULT_TOKEN: TOKEN }, concurrency: 3, config: { vault: { kvVersion: 1 } } },
      );
      expect(diagnostics).toEqual([]);
      expect(values.size).toBe(12);
      expect(many.maxInFlight).toBeLessThanOrEqual(3);
      expect(many.maxInFlight).toBeGreaterThan(1);
    } finally {
      await many.close();
    }
  });

  it('contacts nothing in redact mode, but checks syntax', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'vault:secret/shop/db#password', 1), req('b', 'vault:secret#x', 2), req('c', 'vault:/abs/path#k', 3), req('d', 'vault:secret/x#k@0', 4)],
      { ...opts({ VAULT_TOKEN: TOKEN }), mode: 'redact' },
    );
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SECRET_REF_SYNTAX', 2],
      ['SECRET_REF_SYNTAX', 3],
      ['SECRET_REF_SYNTAX', 4],
    ]);
    expect(vault.requests).toHaveLength(0);
  });
});

describe('VaultClient errors', () => {
  it('carry no token when inspected or serialised', async () => {
    vault.faults.push({ match: () => true, status: 500 });
    const client = new VaultClient({ address: vault.url, timeoutMs: 1000, retries: 0, retryDelayMs: 1 });
    const error: unknown = await client.request('GET', 'secret/data/shop/db', { token: TOKEN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code: string }).code).toBe('SECRET_UNRESOLVED');
    expect(printed(error)).not.toContain(TOKEN);
    expect(inspect(client, { showHidden: true, depth: 5 })).not.toContain(TOKEN);
    expect(printed((error as Error).stack)).not.toContain(TOKEN);
  });

  it('strip user info from the address', async () => {
    const client = new VaultClient({ address: `http://user:CANARY-pass@127.0.0.1:1`, timeoutMs: 1000, retries: 0, retryDelayMs: 1 });
    const error: unknown = await client.request('GET', 'x').catch((e: unknown) => e);
    expect(printed(error)).not.toContain('CANARY');
    expect(printed(client)).not.toContain('CANARY');
  });
});

describe('vault auth method choice', () => {
  it('uses vault.auth from copperplate.yaml, unless VAULT_TOKEN is set', async () => {
    const approleEnv = { VAULT_ROLE_ID: 'role-123', VAULT_SECRET_ID: SECRET_ID };
    const viaConfig = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], opts({ ...approleEnv, VAULT_JWT_ROLE: 'ci', VAULT_JWT: CI_JWT }, { config: { vault: { auth: 'approle' } } }));
    expect(viaConfig.diagnostics).toEqual([]);
    expect(vault.requestsTo('auth/approle/login')).toHaveLength(1);
    expect(vault.requestsTo('auth/jwt/login')).toHaveLength(0);
    vault.reset();
    const viaEnv = await resolveSecrets([req('a', 'vault:secret/shop/api#key')], opts({ ...approleEnv, VAULT_TOKEN: TOKEN }, { config: { vault: { auth: 'approle' } } }));
    expect(viaEnv.diagnostics).toEqual([]);
    expect(vault.requestsTo('auth/approle/login')).toHaveLength(0);
  });

  it('logs in at a custom auth mount', async () => {
    const { diagnostics } = await resolveSecrets(
      [req('a', 'vault:secret/shop/api#key')],
      opts({ VAULT_JWT_ROLE: 'ci', VAULT_JWT: CI_JWT }, { config: { vault: { authMount: 'gitlab' } } }),
    );
    // the test server only knows the default mounts: the custom one is asked and refuses
    expect(diagnostics.map((d) => d.code)).toEqual(['VAULT_AUTH_FAILED']);
    expect(vault.requestsTo('auth/gitlab/login')).toHaveLength(1);
  });
});

describe('text from Vault is never echoed', () => {
  const HOSTILE = 'CANARY-server-text\u001b[31m\n::error::pwned';

  it('reports an error answer by status, not by its body', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/secret/data/'), status: 400, body: { errors: [HOSTILE], warnings: [HOSTILE] } });
    const { diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password', 4)], opts({ VAULT_TOKEN: TOKEN }));
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['SECRET_UNRESOLVED', 4, 5]]);
    expect(diagnostics[0]!.message).toContain('400');
    expect(printed(diagnostics)).not.toContain('CANARY-server-text');
  });

  it('names a mount that is not KV by the reference, never by the path or type the server sent', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/sys/internal/ui/mounts/'), status: 200, body: { data: { path: 'secret/', type: HOSTILE } } });
    const { diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], opts({ VAULT_TOKEN: TOKEN }));
    expect(diagnostics.map((d) => d.code)).toEqual(['VAULT_MOUNT_UNKNOWN']);
    expect(diagnostics[0]!.message).toContain('secret/');
    expect(printed(diagnostics)).not.toContain('CANARY-server-text');
  });

  it('ignores a mount path that is not a prefix of the path asked about', async () => {
    vault.faults.push({ match: (r) => r.path.startsWith('/v1/sys/internal/ui/mounts/'), status: 200, body: { data: { path: `${HOSTILE}/`, type: 'kv', options: { version: '1' } } } });
    const { values, diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password'), req('b', 'vault:secret/shop/db#password@9')], opts({ VAULT_TOKEN: TOKEN }));
    expect(value(values, 'a')).toBe(VALUE);
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_NOT_FOUND']);
    expect(printed(diagnostics)).not.toContain('CANARY-server-text');
  });

  it('shows only plain key names in a "did you mean"', async () => {
    const odd = new VaultTestServer({ tokens: [TOKEN], mounts: { 'secret/': { version: 2, secrets: { app: [{ password: 'x', [HOSTILE]: 'y', 'CANARY\u202eesrever': 'z' }] } } } });
    await odd.start();
    try {
      const { diagnostics } = await resolveSecrets([req('a', 'vault:secret/app#passwd')], opts({ VAULT_TOKEN: TOKEN, VAULT_ADDR: odd.url }));
      expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_NOT_FOUND']);
      expect(diagnostics[0]!.hint).toBe('keys there: password, 2 more');
      expect(printed(diagnostics)).not.toContain('CANARY');
    } finally {
      await odd.close();
    }
  });
});

describe('vault.address from copperplate.yaml', () => {
  const config = (address: string) => ({ vault: { address } });
  const envWithoutAddr = { VAULT_TOKEN: TOKEN };

  it('never receives an environment token when only copperplate.yaml names it', async () => {
    const { values, diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password', 2)], {
      ...opts({}),
      env: envWithoutAddr,
      config: config('https://vault.pull-request.example:8200'),
      timeoutMs: 200,
    });
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['SECRET_ADDRESS_UNTRUSTED', 2]]);
    expect(diagnostics[0]!.hint).toContain('VAULT_ADDR');
    expectNoCanary(diagnostics);
  });

  it('is used when it is a loopback address (a local dev Vault)', async () => {
    const { values, diagnostics } = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], { ...opts({}), env: envWithoutAddr, config: config(vault.url) });
    expect(diagnostics).toEqual([]);
    expect(value(values, 'a')).toBe(VALUE);
  });

  it('is used when the environment trusts copperplate.yaml, and VAULT_ADDR always wins', async () => {
    const trusted = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], {
      ...opts({}),
      env: { ...envWithoutAddr, COPPERPLATE_TRUST_CONFIG_ADDRESSES: '1' },
      config: config('http://192.0.2.1:8200'), // TEST-NET-1: never answers
      timeoutMs: 200,
      retries: 0,
    });
    expect(trusted.diagnostics.map((d) => d.code)).not.toContain('SECRET_ADDRESS_UNTRUSTED');
    expect(['SECRET_TIMEOUT', 'SECRET_UNRESOLVED']).toContain(trusted.diagnostics[0]?.code);
    const env = await resolveSecrets([req('a', 'vault:secret/shop/db#password')], { ...opts({ VAULT_TOKEN: TOKEN }), config: config('https://vault.pull-request.example:8200') });
    expect(env.diagnostics).toEqual([]);
    expect(value(env.values, 'a')).toBe(VALUE);
  });
});
