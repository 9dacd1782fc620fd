import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/core/project-fs.js';
import { revealSecret, type SecretValue } from '../../src/core/secret-value.js';
import { encryptSops, resolveSecrets, secretKey, type ResolveSecretsOptions, type SecretRefSpec } from '../../src/secrets/index.js';
import { KmsTestServer } from './support/kms-server.js';

const ACCESS_KEY = 'AKIDCOPPERPLATETEST';
const SECRET_KEY = 'CANARY-aws-secret-access-key-31f0';
const VALUE = 'CANARY-kms-legacy-token-88b1';
const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DENIED = 'arn:aws:kms:us-east-1:111122223333:key/denied';
const DISABLED = 'arn:aws:kms:us-east-1:111122223333:key/disabled';

const kms = new KmsTestServer({ accessKeyId: ACCESS_KEY, keys: [{ arn: ARN }, { arn: DENIED, denied: true }, { arn: DISABLED, disabled: true }] });
let sdk: KMSClient;
let plainBlob: string;
let contextBlob: string;
let deniedBlob: string;
let disabledBlob: string;

async function encrypt(keyId: string, text: string, context?: Record<string, string>): Promise<string> {
  const out = await sdk.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text), ...(context ? { EncryptionContext: context } : {}) }));
  return Buffer.from(out.CiphertextBlob!).toString('base64');
}

beforeAll(async () => {
  await kms.start();
  sdk = new KMSClient({ region: 'us-east-1', endpoint: kms.url, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
  plainBlob = await encrypt(ARN, VALUE);
  contextBlob = await encrypt(ARN, VALUE, { app: 'shop', env: 'prod' });
  deniedBlob = await encrypt(ARN, 'x');
  disabledBlob = await encrypt(ARN, 'y');
  // Re-key two blobs to the denied/disabled keys: the server picks the key from the first byte.
  deniedBlob = rekey(deniedBlob, 1);
  disabledBlob = rekey(disabledBlob, 2);
});
afterAll(async () => {
  sdk.destroy();
  await kms.close();
});
beforeEach(() => kms.reset());

function rekey(b64: string, index: number): string {
  const b = Buffer.from(b64, 'base64');
  b[0] = index;
  return b.toString('base64');
}

const env = () => ({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_KMS: kms.url, AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY });

function opts(extra: Partial<ResolveSecretsOptions> = {}): ResolveSecretsOptions {
  return { mode: 'resolve', projectRoot: '/project', fs: memoryFs({}), env: env(), homeDir: '/nonexistent-home', config: {}, retryDelayMs: 1, ...extra };
}

const req = (name: string, ref: SecretRefSpec, line = 1) => ({ formation: 'legacy', name, ref, at: { file: 'formations/legacy.yaml', line, column: 3 } });
const reveal = (values: Map<string, SecretValue>, name: string) => {
  const v = values.get(secretKey('legacy', name));
  return v && revealSecret(v);
};

function expectClean(x: unknown): void {
  const text = `${JSON.stringify(x)}\n${inspect(x, { depth: 10, showHidden: true })}`;
  for (const canary of [SECRET_KEY, VALUE, plainBlob, contextBlob, plainBlob.slice(0, 24), contextBlob.slice(0, 24), 'CANARY']) {
    expect(text).not.toContain(canary);
  }
}

describe('awskms provider', () => {
  it('decrypts both reference forms through the AWS SDK, each ciphertext once', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [
        req('a', `awskms:${plainBlob}`),
        req('b', { awskms: contextBlob, context: { env: 'prod', app: 'shop' } }),
        req('c', `awskms:${plainBlob}`),
      ],
      opts(),
    );
    expect(diagnostics).toEqual([]);
    expect([reveal(values, 'a'), reveal(values, 'b'), reveal(values, 'c')]).toEqual([VALUE, VALUE, VALUE]);
    expect(kms.operations('Decrypt')).toHaveLength(2);
    expect(kms.operations('Decrypt').every((r) => r.headers['content-type'] === 'application/x-amz-json-1.1')).toBe(true);
    expectClean(values);
  });

  it('takes region and endpoint from copperplate.yaml', async () => {
    const { values, diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`)], {
      ...opts(),
      env: { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY },
      config: { kms: { region: 'us-east-1', endpoint: kms.url } },
    });
    expect(diagnostics).toEqual([]);
    expect(reveal(values, 'a')).toBe(VALUE);
  });

  it.each([
    ['a wrong encryption context', () => ({ awskms: contextBlob, context: { app: 'shop', env: 'dev' } }), 'KMS_DECRYPT_FAILED'],
    ['a missing encryption context', () => `awskms:${contextBlob}`, 'KMS_DECRYPT_FAILED'],
    ['a corrupted ciphertext', () => `awskms:${rekey(plainBlob, 0).slice(0, -8)}AAAAAAA=`, 'KMS_DECRYPT_FAILED'],
    ['a key the caller may not use', () => `awskms:${deniedBlob}`, 'SECRET_ACCESS_DENIED'],
    ['a disabled key', () => `awskms:${disabledBlob}`, 'KMS_KEY_UNAVAILABLE'],
  ])('reports %s without retrying', async (_what, ref, code) => {
    const { values, diagnostics } = await resolveSecrets([req('a', ref(), 7)], opts({ retries: 3 }));
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.formation]), diagnostics[0]?.message).toEqual([[code, 'formations/legacy.yaml', 7, 3, 'legacy']]);
    expect(kms.operations('Decrypt')).toHaveLength(1);
    expectClean(diagnostics);
  });

  it('reports bad credentials', async () => {
    const { diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`)], { ...opts(), env: { ...env(), AWS_ACCESS_KEY_ID: 'AKIDWRONG' } });
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_UNRESOLVED']);
    expect(diagnostics[0]!.message).toContain('UnrecognizedClientException');
    expectClean(diagnostics);
  });

  it('retries 500 answers, then fails closed', async () => {
    kms.faults.push({ match: () => true, status: 500 });
    const { values, diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`)], opts({ retries: 2 }));
    expect(values.size).toBe(0);
    expect(kms.operations('Decrypt')).toHaveLength(3);
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_UNRESOLVED']);
    expectClean(diagnostics);
  });

  it('times out a slow answer', async () => {
    kms.faults.push({ match: () => true, delayMs: 30_000 });
    const { diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`)], opts({ timeoutMs: 150, retries: 0 }));
    expect(diagnostics.map((d) => d.code)).toEqual(['SECRET_TIMEOUT']);
    expectClean(diagnostics);
  });

  it('needs a region', async () => {
    const { diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`)], { ...opts(), env: { AWS_ENDPOINT_URL_KMS: kms.url } });
    expect(diagnostics.map((d) => d.code)).toEqual(['KMS_REGION_MISSING']);
    expect(kms.requests).toHaveLength(0);
  });

  it('contacts nothing in redact mode and checks syntax without echoing the reference', async () => {
    const { values, diagnostics } = await resolveSecrets(
      [
        req('ok', `awskms:${plainBlob}`, 1),
        req('ok2', { awskms: contextBlob, context: { app: 'shop' } }, 2),
        req('notb64', 'awskms:CANARY not base64!', 3),
        req('extra', { awskms: plainBlob, contxt: { a: 'b' } } as never, 4),
        req('ctx', { awskms: plainBlob, context: { a: 1 } } as never, 5),
        req('pasted', 'CANARY-a-value-pasted-instead-of-a-reference', 6),
      ],
      opts({ mode: 'redact' }),
    );
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SECRET_REF_SYNTAX', 3],
      ['SECRET_REF_SYNTAX', 4],
      ['SECRET_REF_SYNTAX', 5],
      ['SECRET_REF_SYNTAX', 6],
    ]);
    expect(kms.requests).toHaveLength(0);
    expectClean(diagnostics);
  });
});

describe('sops with a KMS-wrapped data key', () => {
  it('unwraps the data key through KMS with the recorded context, and verifies the MAC', async () => {
    const generated = await sdk.send(new GenerateDataKeyCommand({ KeyId: ARN, KeySpec: 'AES_256', EncryptionContext: { team: 'shop' } }));
    const text = await encryptSops('db:\n  password: kms-wrapped-value\n', {
      format: 'yaml',
      ageRecipients: [],
      kms: [{ arn: ARN, enc: Buffer.from(generated.CiphertextBlob!).toString('base64'), context: { team: 'shop' } }],
      dataKey: generated.Plaintext!,
    });
    kms.reset();
    const files = { '/project/secrets/kms.enc.yaml': text, '/project/secrets/tampered.enc.yaml': text.replace(/lastmodified: "(.*)Z"/, 'lastmodified: "$1+01:00"') };
    const { values, diagnostics } = await resolveSecrets(
      [
        { formation: 'legacy', name: 'a', ref: 'sops:secrets/kms.enc.yaml#db.password' },
        { formation: 'legacy', name: 'b', ref: 'sops:secrets/tampered.enc.yaml#db.password' },
      ],
      { ...opts(), fs: memoryFs(files), env: { ...env(), AWS_REGION: 'eu-west-1' } },
    );
    expect(reveal(values, 'a')).toBe('kms-wrapped-value');
    expect(diagnostics.map((d) => d.code)).toEqual(['SOPS_MAC_MISMATCH']);
    expect(kms.operations('Decrypt')).toHaveLength(2);
    expect(kms.operations('Decrypt').every((r) => r.headers['authorization']?.includes('/us-east-1/kms/'))).toBe(true);
  });
});

describe('lazy loading', () => {
  it('no module of src/secrets imports the AWS SDK or age statically', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/secrets');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/^import (?!type)[^;]*from '(@aws-sdk\/client-kms|age-encryption)'/m);
    }
  });
});

describe('text from KMS is never echoed', () => {
  it.each([
    ['an unknown error type', { __type: 'CANARYInjectedTypeName', message: 'CANARY message' }],
    ['a namespaced unknown type', { __type: 'com.amazonaws.kms#CANARYNamespaced', Message: 'CANARY' }],
    ['a known type with a hostile message and extra fields', { __type: 'AccessDeniedException', message: 'CANARY \u001b[31m', code: 'ECANARY' }],
  ])('%s', async (_what, body) => {
    kms.faults.push({ match: () => true, status: 400, body });
    const { diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`, 4)], opts({ retries: 0 }));
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([[4, 3]]);
    expect(diagnostics[0]!.message).toContain('HTTP 400');
    expectClean(diagnostics);
  });
});

describe('kms.endpoint from copperplate.yaml', () => {
  it('never receives AWS credentials from the environment unless loopback or trusted', async () => {
    const { values, diagnostics } = await resolveSecrets([req('a', `awskms:${plainBlob}`, 2)], {
      ...opts(),
      env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY },
      config: { kms: { endpoint: 'https://kms.pull-request.example' } },
    });
    expect(values.size).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['SECRET_ADDRESS_UNTRUSTED', 2]]);
    expect(diagnostics[0]!.hint).toContain('AWS_ENDPOINT_URL_KMS');
    expect(kms.requests).toHaveLength(0);
    expectClean(diagnostics);
  });
});
