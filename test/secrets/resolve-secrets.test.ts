import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/core/project-fs.js';
import { revealSecret } from '../../src/core/secret-value.js';
import {
  resolveSecrets,
  SecretFetchError,
  secretKey,
  secretsConfigSchema,
  type ResolveSecretsOptions,
  type SecretProvider,
  type SecretRequest,
} from '../../src/secrets/index.js';
import { KmsTestServer } from './support/kms-server.js';
import { readVector, vectorAgeKey } from './support/sops-fixtures.js';
import { VaultTestServer } from './support/vault-server.js';

const root = '/project';
const home = mkdtempSync(path.join(tmpdir(), 'cp-secrets-home-'));
const CANARY = 'CANARY-env-secret-4411';

function opts(extra: Partial<ResolveSecretsOptions> = {}): ResolveSecretsOptions {
  return { mode: 'resolve', projectRoot: root, fs: memoryFs({}), env: {}, homeDir: home, config: {}, retryDelayMs: 1, ...extra };
}
const req = (name: string, ref: SecretRequest['ref'], line = 1): SecretRequest => ({
  formation: 'ci',
  name,
  ref,
  at: { file: 'formations/ci.yaml', line, column: 3 },
});

describe('env and file providers', () => {
  it('read values the CI job provides', async () => {
    const ciFile = path.join(home, 'ci-secret');
    writeFileSync(ciFile, 'from-a-file\n');
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'env:DB_PASSWORD'), req('b', 'file:secrets/token.txt'), req('c', `file:${ciFile}`), req('d', 'file:~/ci-secret')],
      opts({ env: { DB_PASSWORD: CANARY }, fs: memoryFs({ '/project/secrets/token.txt': 'in-project\r\n' }), config: { allowOutsidePaths: [home] } }),
    );
    expect(diagnostics).toEqual([]);
    const get = (n: string) => revealSecret(values.get(secretKey('ci', n))!);
    expect([get('a'), get('b'), get('c'), get('d')]).toEqual([CANARY, 'in-project', 'from-a-file', 'from-a-file']);
    expect(`${JSON.stringify([...values])}${inspect(values)}${String(values.get(secretKey('ci', 'a')))}`).not.toContain(CANARY);
  });

  it('report unset variables, missing files and bad syntax at the reference', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'env:NOPE', 1), req('b', 'file:nope.txt', 2), req('c', 'env:not-a-name', 3), req('d', 'file:', 4)],
      opts(),
    );
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.formation])).toEqual([
      ['SECRET_REF_SYNTAX', 'formations/ci.yaml', 3, 3, 'ci'],
      ['SECRET_REF_SYNTAX', 'formations/ci.yaml', 4, 3, 'ci'],
      ['SECRET_NOT_FOUND', 'formations/ci.yaml', 1, 3, 'ci'],
      ['SECRET_NOT_FOUND', 'formations/ci.yaml', 2, 3, 'ci'],
    ]);
    expect(diagnostics[2]!.message).toContain('env:NOPE');
  });

  it('need nothing in redact mode', async () => {
    const { values, diagnostics } = await resolveSecrets([req('a', 'env:NOPE'), req('b', 'file:nope.txt')], opts({ mode: 'redact' }));
    expect(values.size).toBe(0);
    expect(diagnostics).toEqual([]);
  });
});

describe('reference syntax', () => {
  it.each([
    ['an unknown scheme', 'vualt:secret/x#y', 'SECRET_SCHEME_UNKNOWN'],
    ['a plain value', 'CANARY-plain-value-pasted', 'SECRET_REF_SYNTAX'],
    ['an empty string', '', 'SECRET_REF_SYNTAX'],
    ['a number', 42, 'SECRET_REF_SYNTAX'],
    ['a list', ['vault:secret/x#y'], 'SECRET_REF_SYNTAX'],
    ['an object without a scheme', { context: { a: 'b' } }, 'SECRET_SCHEME_UNKNOWN'],
    ['an object form naming two schemes', { awskms: 'AQID', vault: 'secret/x#y' }, 'SECRET_REF_SYNTAX'],
  ])('rejects %s without echoing it', async (_what, ref, code) => {
    const { diagnostics } = await resolveSecrets([req('a', ref as never, 5)], opts({ mode: 'redact' }));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([[code, 5]]);
    expect(diagnostics[0]!.message).not.toContain('CANARY');
    expect(diagnostics[0]!.message).not.toContain('vualt');
  });
});

describe('embedder providers', () => {
  const calls: string[] = [];
  const memo: SecretProvider<{ display: string; fetchKey: string; key: string }, Record<string, string>> = {
    scheme: 'memo',
    parse: (body) => (typeof body === 'string' && body.includes('#') ? { display: `memo:${body}`, fetchKey: body.split('#')[0]!, key: body.split('#')[1]! } : { code: 'SECRET_REF_SYNTAX', message: 'bad memo ref' }),
    async check(ref) {
      return ref.fetchKey === 'missing' ? { code: 'MEMO_MISSING', message: 'no such memo' } : undefined;
    },
    async fetch(ref) {
      calls.push(ref.fetchKey);
      if (ref.fetchKey === 'leaky') throw new Error(`connection to backend failed, token=${CANARY}`);
      if (ref.fetchKey === 'safe') throw new SecretFetchError('SECRET_TIMEOUT', 'memo backend down');
      return { a: 'A', b: 'B' };
    },
    select: (unit, ref) => unit[ref.key] ?? { code: 'SECRET_NOT_FOUND', message: `no key ${ref.key}` },
  };

  it('are used by scheme, fetched once per fetch key, and cannot leak error text', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'memo:x#a', 1), req('b', 'memo:x#b', 2), req('c', 'memo:x#c', 3), req('d', 'memo:leaky#a', 4), req('e', 'memo:safe#a', 5)],
      opts({ providers: [memo] }),
    );
    expect(calls.sort()).toEqual(['leaky', 'safe', 'x']);
    expect(revealSecret(values.get(secretKey('ci', 'b'))!)).toBe('B');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SECRET_NOT_FOUND', 3],
      ['SECRET_UNRESOLVED', 4],
      ['SECRET_TIMEOUT', 5],
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain(CANARY);
  });

  it('run their offline check in redact mode', async () => {
    calls.length = 0;
    const { diagnostics } = await resolveSecrets([req('a', 'memo:missing#a', 2)], opts({ providers: [memo], mode: 'redact' }));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['SECRET_UNRESOLVED', 2]]);
    expect(diagnostics[0]!.message).toContain('(MEMO_MISSING)');
    expect(calls).toEqual([]);
  });

  it('replace a built-in of the same scheme', async () => {
    const env: SecretProvider<{ display: string; fetchKey: string }, string> = {
      scheme: 'env',
      parse: (body) => ({ display: `env:${String(body)}`, fetchKey: String(body) }),
      fetch: async () => 'replaced',
      select: (u) => u,
    };
    const { values } = await resolveSecrets([req('a', 'env:X')], opts({ providers: [env] }));
    expect(revealSecret(values.get(secretKey('ci', 'a'))!)).toBe('replaced');
  });
});

describe('secretKey', () => {
  it('keeps formation and name apart', () => {
    expect(secretKey('a', 'b#c')).not.toBe(secretKey('a#b', 'c'));
  });
});

describe('secretsConfigSchema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  it.each([
    ['vault', { address: 'https://vault.example:8200', auth: 'approle', kvVersion: 'auto', namespace: 'team' }, true],
    ['vault', { kvVersion: 2, role: 'ci', authMount: 'jwt-gitlab' }, true],
    ['vault', { adress: 'https://x' }, false],
    ['vault', { kvVersion: 3 }, false],
    ['vault', { auth: 'ldap' }, false],
    ['kms', { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' }, true],
    ['kms', { profile: 'x' }, false],
    ['sops', { ageKeyFile: '~/.config/sops/age/keys.txt' }, true],
    ['sops', { ageKeyFile: 1 }, false],
  ] as const)('%s %j valid=%s', (section, value, valid) => {
    expect(ajv.validate(secretsConfigSchema[section], value)).toBe(valid);
  });
});

describe('a canary planted in every backend', () => {
  const TOKEN = 'hvs.CANARY-token-0001';
  const VAULT_VALUE = 'CANARY-vault-value-0002';
  const vault = new VaultTestServer({ tokens: [TOKEN], mounts: { 'secret/': { version: 2, secrets: { app: [{ v: VAULT_VALUE }] } } } });
  const kms = new KmsTestServer({ accessKeyId: 'AKIDTEST', keys: [{ arn: 'arn:aws:kms:us-east-1:1:key/k' }] });
  beforeAll(async () => {
    await vault.start();
    await kms.start();
  });
  afterAll(async () => {
    await vault.close();
    await kms.close();
  });

  const everyBackend = (): SecretRequest[] => [
    req('vault', 'vault:secret/app#v', 1),
    req('vault_missing', 'vault:secret/app#nope', 2),
    req('kms', 'awskms:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8w', 3),
    req('sops', 'sops:secret.enc.yaml#secret', 4),
    req('env', 'env:CANARY_ENV', 5),
  ];
  const env = {
    VAULT_ADDR: '',
    VAULT_TOKEN: TOKEN,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'CANARY-aws-secret-0003',
    SOPS_AGE_KEY: vectorAgeKey,
    CANARY_ENV: 'CANARY-env-value-0004',
  };
  const files = { '/project/secret.enc.yaml': readVector('secret.enc.yaml') };

  it('never reaches a diagnostic, in any failure mode', async () => {
    vault.faults.push({ match: (r) => r.path.includes('/data/'), status: 500 });
    kms.faults.push({ match: () => true, status: 500 });
    const tampered = { '/project/secret.enc.yaml': files['/project/secret.enc.yaml'].replace(/lastmodified: "[^"]*"/, 'lastmodified: "2030-01-01T00:00:00Z"') };
    const failing = await resolveSecrets(everyBackend(), opts({ env: { ...env, VAULT_ADDR: vault.url, AWS_ENDPOINT_URL_KMS: kms.url }, fs: memoryFs(tampered), retries: 1 }));
    expect(failing.diagnostics.map((d) => d.code)).toEqual(['SECRET_UNRESOLVED', 'SECRET_UNRESOLVED', 'SECRET_UNRESOLVED', 'SOPS_MAC_MISMATCH']);
    const text = `${JSON.stringify(failing)}${inspect(failing, { depth: 10, showHidden: true })}`;
    for (const c of ['CANARY', 'this is a secret', vectorAgeKey, 'AQIDBAUGBwgJ']) expect(text).not.toContain(c);
  });

  it('contacts nothing in redact mode', async () => {
    vault.reset();
    kms.reset();
    const { values, diagnostics } = await resolveSecrets(
      everyBackend(),
      opts({ mode: 'redact', env: { ...env, VAULT_ADDR: vault.url, AWS_ENDPOINT_URL_KMS: kms.url }, fs: memoryFs(files) }),
    );
    expect(values.size).toBe(0);
    expect(diagnostics).toEqual([]);
    expect(vault.requests).toHaveLength(0);
    expect(kms.requests).toHaveLength(0);
  });
});
