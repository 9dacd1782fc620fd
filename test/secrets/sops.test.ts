import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { decryptSops } from 'sops-age';
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/core/project-fs.js';
import { revealSecret } from '../../src/core/secret-value.js';
import { encryptSops, resolveSecrets, secretKey, type ResolveSecretsOptions, type SecretRequest } from '../../src/secrets/index.js';
import { readVector, vectorAgeKey } from './support/sops-fixtures.js';

const root = '/project';
const home = mkdtempSync(path.join(tmpdir(), 'cp-sops-home-'));

function options(files: Record<string, string>, env: Record<string, string> = { SOPS_AGE_KEY: vectorAgeKey }, mode: 'resolve' | 'redact' = 'resolve'): ResolveSecretsOptions {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(root, k), v]));
  return { mode, projectRoot: root, fs: memoryFs(abs), env, homeDir: home, config: {} };
}

function req(name: string, ref: string, line = 3): SecretRequest {
  return { formation: 'prod', name, ref, at: { file: 'formations/prod.yaml', line, column: 7 } };
}

async function resolveOne(files: Record<string, string>, ref: string, env?: Record<string, string>) {
  const { values, diagnostics } = await resolveSecrets([req('s', ref)], options(files, env));
  const v = values.get(secretKey('prod', 's'));
  return { value: v === undefined ? undefined : revealSecret(v), diagnostics };
}

const vectors = {
  'secret.enc.yaml': readVector('secret.enc.yaml'),
  'secret.enc.json': readVector('secret.enc.json'),
  'secret.enc.env': readVector('secret.enc.env'),
};

describe('sops: real vectors', () => {
  it.each([
    ['secret.enc.yaml', 'secret', 'this is a secret'],
    ['secret.enc.yaml', 'string', 'string'],
    ['secret.enc.yaml', 'int', '7'],
    ['secret.enc.yaml', 'float', '3.14'],
    ['secret.enc.yaml', 'boolean', 'true'],
    ['secret.enc.yaml', 'complex.value', 'this is a secret'],
    ['secret.enc.yaml', 'complex.array.2', 'three'],
    ['secret.enc.json', 'secret', 'this is a secret'],
    ['secret.enc.json', 'int', '7'],
    ['secret.enc.json', '0word', 'gotta match go'],
    ['secret.enc.json', 'complex.array.0', 'one'],
    ['secret.enc.env', 'secret', 'this is a secret'],
  ])('%s#%s', async (file, keyPath, expected) => {
    const { value, diagnostics } = await resolveOne(vectors, `sops:${file}#${keyPath}`);
    expect(diagnostics).toEqual([]);
    expect(value).toBe(expected);
  });

  it('finds the key through SOPS_AGE_KEY_FILE, sops.ageKeyFile and the default key file', async () => {
    const files = { ...vectors, 'keys/age.txt': readVector('key.txt') };
    for (const [env, config, homeFiles] of [
      [{ SOPS_AGE_KEY_FILE: 'keys/age.txt' }, {}, {}],
      [{}, { sops: { ageKeyFile: 'keys/age.txt' } }, {}],
      [{}, {}, { [path.join(home, '.config/sops/age/keys.txt')]: readVector('key.txt') }],
    ] as const) {
      const abs: Record<string, string> = { ...homeFiles };
      for (const [k, v] of Object.entries(files)) abs[path.join(root, k)] = v;
      const { values, diagnostics } = await resolveSecrets([req('s', 'sops:secret.enc.yaml#secret')], {
        ...options({}, { ...env }),
        fs: memoryFs(abs),
        config,
      });
      expect(diagnostics).toEqual([]);
      expect(values.size).toBe(1);
    }
  });

  it('reports SOPS_NO_KEY without a matching identity', async () => {
    const other = await generateIdentity();
    for (const env of [{}, { SOPS_AGE_KEY: other }]) {
      const { value, diagnostics } = await resolveOne(vectors, 'sops:secret.enc.yaml#secret', env);
      expect(value).toBeUndefined();
      expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.formation])).toEqual([
        ['SOPS_NO_KEY', 'formations/prod.yaml', 3, 7, 'prod'],
      ]);
      expect(JSON.stringify(diagnostics)).not.toContain(other);
    }
  });

  it('reports a missing path, a non-string and a missing file', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [req('a', 'sops:secret.enc.yaml#nope', 1), req('b', 'sops:secret.enc.yaml#complex', 2), req('c', 'sops:missing.enc.yaml#x', 3)],
      options(vectors),
    );
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SECRET_NOT_FOUND', 1],
      ['SECRET_TYPE', 2],
      ['SOPS_FILE_MISSING', 3],
    ]);
  });
});

/** Edits that sops itself rejects; each must be rejected here too. */
const tamperings: [string, string, (text: string) => string, string][] = [
  ['yaml', 'value changed', (t) => t.replace(/^(string: ENC\[AES256_GCM,data:)(.)/m, (_, a: string, c: string) => a + (c === 'A' ? 'B' : 'A')), 'SOPS_DECRYPT_FAILED'],
  ['yaml', 'values swapped', (t) => swapLines(t, /^secret: /m, /^ {2}value: /m), 'SOPS_DECRYPT_FAILED'],
  ['yaml', 'key removed', (t) => t.replace(/^string: .*\n/m, ''), 'SOPS_MAC_MISMATCH'],
  ['yaml', 'list item removed', (t) => t.replace(/^ {4}- ENC.*\n/m, ''), 'SOPS_MAC_MISMATCH'],
  ['yaml', 'mac edited', (t) => t.replace(/(mac: ENC\[AES256_GCM,data:)(.)/, (_, a: string, c: string) => a + (c === 'A' ? 'B' : 'A')), 'SOPS_MAC_MISMATCH'],
  ['yaml', 'mac removed', (t) => t.replace(/^ {2}mac: .*\n/m, ''), 'SOPS_MAC_MISMATCH'],
  ['yaml', 'lastmodified edited', (t) => t.replace(/lastmodified: "2024-03-25T22:08:10Z"/, 'lastmodified: "2024-03-25T22:08:11Z"'), 'SOPS_MAC_MISMATCH'],
  ['yaml', 'plaintext value planted', (t) => t.replace(/^string: .*$/m, 'string: planted'), 'SOPS_DECRYPT_FAILED'],
  ['json', 'key removed', (t) => t.replace(/^ {2}"string": .*\n/m, ''), 'SOPS_MAC_MISMATCH'],
  ['json', 'mac edited', (t) => t.replace(/("mac": "ENC\[AES256_GCM,data:)(.)/, (_, a: string, c: string) => a + (c === 'A' ? 'B' : 'A')), 'SOPS_MAC_MISMATCH'],
  ['json', 'lastmodified edited', (t) => t.replace(/"lastmodified": "2024-12-25T09:03:17Z"/, '"lastmodified": "2024-12-25T09:03:18Z"'), 'SOPS_MAC_MISMATCH'],
  ['env', 'key removed', (t) => t.replace(/^another_secret=.*\n/m, ''), 'SOPS_MAC_MISMATCH'],
  ['env', 'mac edited', (t) => t.replace(/(sops_mac=ENC\[AES256_GCM,data:)(.)/, (_, a: string, c: string) => a + (c === 'A' ? 'B' : 'A')), 'SOPS_MAC_MISMATCH'],
  ['env', 'lastmodified edited', (t) => t.replace(/sops_lastmodified=2024-03-26T00:43:54Z/, 'sops_lastmodified=2024-03-26T00:43:55Z'), 'SOPS_MAC_MISMATCH'],
];

function swapLines(text: string, a: RegExp, b: RegExp): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => a.test(l));
  const j = lines.findIndex((l) => b.test(l));
  const va = lines[i]!.slice(lines[i]!.indexOf('ENC['));
  const vb = lines[j]!.slice(lines[j]!.indexOf('ENC['));
  lines[i] = lines[i]!.replace(va, vb);
  lines[j] = lines[j]!.replace(vb, va);
  return lines.join('\n');
}

describe('sops: tampered copies of the real vectors are rejected', () => {
  it.each(tamperings)('%s: %s', async (format, _what, tamper, code) => {
    const file = `secret.enc.${format}`;
    const original = vectors[file as keyof typeof vectors];
    const tampered = tamper(original);
    expect(tampered).not.toBe(original);
    const { value, diagnostics } = await resolveOne({ [file]: tampered }, `sops:${file}#secret`);
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([[code, 3, 7]]);
    const printed = JSON.stringify(diagnostics) + inspect(diagnostics, { depth: 9 });
    expect(printed).not.toContain('this is a secret');
    expect(printed).not.toContain(vectorAgeKey);
  });
});

describe('sops: redact mode', () => {
  it('checks files and key paths without any key', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [
        req('ok', 'sops:secret.enc.yaml#complex.array.1', 1),
        req('ok2', 'sops:secret.enc.json#complex.value', 2),
        req('ok3', 'sops:secret.enc.env#secret', 3),
        req('nokey', 'sops:secret.enc.yaml#complex.nope', 4),
        req('map', 'sops:secret.enc.yaml#complex', 5),
        req('nofile', 'sops:nowhere.enc.yaml#a', 6),
        req('bad', 'sops:secret.enc.yaml', 7),
        req('bad2', 'sops:secret.enc.yaml#a..b', 8),
      ],
      options(vectors, {}, 'redact'),
    );
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SECRET_REF_SYNTAX', 7],
      ['SECRET_REF_SYNTAX', 8],
      ['SECRET_NOT_FOUND', 4],
      ['SECRET_TYPE', 5],
      ['SOPS_FILE_MISSING', 6],
    ]);
    expect(diagnostics[2]!.hint).toContain('value');
  });

  it('flags a file that is not sops-encrypted', async () => {
    const { diagnostics } = await resolveSecrets([req('p', 'sops:plain.yaml#a')], options({ 'plain.yaml': 'a: 1\n' }, {}, 'redact'));
    expect(diagnostics.map((d) => d.code)).toEqual(['SOPS_FILE_INVALID']);
  });
});

describe('sops encryptor', () => {
  const plaintext = {
    yaml: 'db:\n  password: hunter2-canary\n  port: 5432\n  enabled: true\n  ratio: 0.25\nlist:\n  - one\n  - two\nempty: ""\nnote_unencrypted: visible\nb: bee\n',
    json: '{\n  "db": { "password": "hunter2-canary", "port": 5432, "enabled": false },\n  "list": ["one", "two"]\n}\n',
    env: 'DB_PASSWORD=hunter2-canary\nAPI_KEY=abc=def\n',
  } as const;

  it.each(['yaml', 'json', 'env'] as const)('%s: round-trips through our decryptor and through sops-age', async (format) => {
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    const encrypted = await encryptSops(plaintext[format], { format, ageRecipients: [recipient] });
    expect(encrypted).not.toContain('hunter2-canary');
    const file = `out.enc.${format}`;
    const ref = format === 'env' ? 'DB_PASSWORD' : 'db.password';
    const { value, diagnostics } = await resolveOne({ [file]: encrypted }, `sops:${file}#${ref}`, { SOPS_AGE_KEY: identity });
    expect(diagnostics).toEqual([]);
    expect(value).toBe('hunter2-canary');

    const independent = (await decryptSops(encrypted, { secretKey: identity, fileType: format })) as Record<string, unknown>;
    if (format === 'env') {
      expect(independent).toMatchObject({ DB_PASSWORD: 'hunter2-canary', API_KEY: 'abc=def' });
    } else {
      expect(independent).toMatchObject({ db: { password: 'hunter2-canary', port: 5432 }, list: ['one', 'two'] });
    }
  });

  it('keeps _unencrypted keys in plaintext and still covers them by the MAC', async () => {
    const identity = await generateIdentity();
    const encrypted = await encryptSops(plaintext.yaml, { format: 'yaml', ageRecipients: [await identityToRecipient(identity)] });
    expect(encrypted).toContain('note_unencrypted: visible');
    const files = { 'x.enc.yaml': encrypted.replace('note_unencrypted: visible', 'note_unencrypted: edited') };
    const { diagnostics } = await resolveOne(files, 'sops:x.enc.yaml#b', { SOPS_AGE_KEY: identity });
    expect(diagnostics.map((d) => d.code)).toEqual(['SOPS_MAC_MISMATCH']);
  });

  // sops-age drops digit-only keys from the additional data (real sops does not), so this
  // ordering case is checked against our decryptor only.
  it.each(['yaml', 'json'] as const)('%s: keeps mapping order with integer-like keys', async (format) => {
    const identity = await generateIdentity();
    const text = format === 'yaml' ? 'b: 1\n"10": ten\n"2": two\na: x\n' : '{"b": 1, "10": "ten", "2": "two", "a": "x"}';
    const encrypted = await encryptSops(text, { format, ageRecipients: [await identityToRecipient(identity)] });
    expect(encrypted.indexOf('"10"')).toBeLessThan(encrypted.indexOf('"2"'));
    const { value, diagnostics } = await resolveOne({ [`x.enc.${format}`]: encrypted }, `sops:x.enc.${format}#10`, { SOPS_AGE_KEY: identity });
    expect(diagnostics).toEqual([]);
    expect(value).toBe('ten');
  });

  it('wraps the data key for several recipients', async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    const encrypted = await encryptSops('k: v\n', { format: 'yaml', ageRecipients: [await identityToRecipient(a), await identityToRecipient(b)] });
    for (const id of [a, b]) {
      expect((await resolveOne({ 'x.enc.yaml': encrypted }, 'sops:x.enc.yaml#k', { SOPS_AGE_KEY: id })).value).toBe('v');
    }
  });
});
