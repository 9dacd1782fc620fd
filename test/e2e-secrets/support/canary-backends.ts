import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { expect } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { encryptSops } from '../../../src/secrets/index.js';
import { KmsTestServer } from '../../secrets/support/kms-server.js';
import { VaultTestServer } from '../../secrets/support/vault-server.js';
import { memoryIO } from '../../support/memory-io.js';
import { fixturesDir } from '../../support/paths.js';
import { copyProject } from '../../support/temp-project.js';

// The SDK's "Node 22 soon" notice goes to the real process's stderr; the CLI's own bin
// silences it the same way (src/cli/node-io.ts).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/**
 * One distinct canary per backend. Each starts with CANARY so that one search finds any of
 * them, and each is long and random enough never to occur by chance.
 */
export const CANARY = {
  vault_kv2: 'CANARY-vault-kv2-7f3a91c0d2',
  vault_kv1: 'CANARY-vault-kv1-2b8e44d1a9',
  awskms: 'CANARY-awskms-c6d05e7a31',
  sops: 'CANARY-sops-age-91fe3b2c77',
  env: 'CANARY-env-5d7720aa0e',
  file: 'CANARY-file-e03c18f4b6',
} as const;

export type SecretName = keyof typeof CANARY;

/** The reference each secret of the formation is named by in diagnostics. */
export const REFERENCE: Record<Exclude<SecretName, 'awskms'>, string> = {
  vault_kv2: 'vault:secret/shop/db#password',
  vault_kv1: 'vault:kv/shop/api#key',
  sops: 'sops:secrets/shop.enc.yaml#db.password',
  env: 'env:SHOP_CI_TOKEN',
  file: 'file:ci/token.txt',
};

/** Credentials: as secret as the values, never printed either. */
export const CREDENTIAL = {
  vaultToken: 'hvs.CANARY-cred-vault-token-4411',
  awsAccessKeyId: 'AKIDE2ESECRETSTEST',
  awsSecretKey: 'CANARY-cred-aws-secret-access-key-8c21',
  approleSecretId: 'CANARY-cred-approle-secret-id-0d9e',
} as const;

const KMS_ARN = 'arn:aws:kms:us-east-1:111122223333:key/e2e-secrets-0001';
const KMS_DENIED_ARN = 'arn:aws:kms:us-east-1:111122223333:key/e2e-secrets-denied';
export const KMS_CONTEXT = { app: 'shop', env: 'prod' } as const;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The loopback Vault and KMS, a fresh age key, and what the project needs that depends on them
 * (the KMS ciphertext, the sops file). Start once per test file.
 */
export class CanaryBackends {
  readonly vault = new VaultTestServer({
    tokens: [CREDENTIAL.vaultToken],
    mounts: {
      'secret/': { version: 2, secrets: { 'shop/db': [{ password: 'CANARY-vault-kv2-old-version-5a5a', user: 'shop' }, { password: CANARY.vault_kv2, user: 'shop' }] } },
      'kv/': { version: 1, secrets: { 'shop/api': [{ key: CANARY.vault_kv1 }] } },
    },
    approle: { roleId: 'e2e-role', secretId: CREDENTIAL.approleSecretId },
  });
  readonly kms = new KmsTestServer({ accessKeyId: CREDENTIAL.awsAccessKeyId, keys: [{ arn: KMS_ARN }, { arn: KMS_DENIED_ARN, denied: true }] });
  ageIdentity = '';
  /** base64 CiphertextBlob of CANARY.awskms, bound to KMS_CONTEXT. */
  kmsBlob = '';
  /** The same ciphertext claimed by the key that answers AccessDenied. */
  kmsDeniedBlob = '';
  sopsFile = '';
  /** A copy of `sopsFile` with one value swapped for another validly encrypted one: only the MAC tells. */
  sopsTampered = '';

  async start(): Promise<this> {
    await Promise.all([this.vault.start(), this.kms.start()]);
    const sdk = new KMSClient({
      region: 'us-east-1',
      endpoint: this.kms.url,
      credentials: { accessKeyId: CREDENTIAL.awsAccessKeyId, secretAccessKey: CREDENTIAL.awsSecretKey },
    });
    try {
      const out = await sdk.send(new EncryptCommand({ KeyId: KMS_ARN, Plaintext: Buffer.from(CANARY.awskms), EncryptionContext: { ...KMS_CONTEXT } }));
      this.kmsBlob = Buffer.from(out.CiphertextBlob!).toString('base64');
    } finally {
      sdk.destroy();
    }
    // the test KMS picks the key from the blob's first byte: key 1 denies every use
    const denied = Buffer.from(this.kmsBlob, 'base64');
    denied[0] = 1;
    this.kmsDeniedBlob = denied.toString('base64');

    this.ageIdentity = await generateIdentity();
    const recipient = await identityToRecipient(this.ageIdentity);
    const dataKey = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
    const now = new Date('2026-01-10T09:00:00Z');
    const options = { format: 'yaml' as const, ageRecipients: [recipient], dataKey, now };
    this.sopsFile = await encryptSops(`db:\n  password: ${CANARY.sops}\n  user: shop\n`, options);
    const forged = await encryptSops(`db:\n  password: ${CANARY.sops}\n  user: mallory\n`, options);
    const userLine = (text: string): string => /^ {2}user: .*$/m.exec(text)![0];
    this.sopsTampered = this.sopsFile.replace(userLine(this.sopsFile), userLine(forged));
    return this;
  }

  /** `n` fresh ciphertexts of CANARY.awskms under KMS_CONTEXT. */
  async kmsCiphertexts(n: number): Promise<string[]> {
    const sdk = new KMSClient({
      region: 'us-east-1',
      endpoint: this.kms.url,
      credentials: { accessKeyId: CREDENTIAL.awsAccessKeyId, secretAccessKey: CREDENTIAL.awsSecretKey },
    });
    try {
      const blobs: string[] = [];
      for (let i = 0; i < n; i++) {
        const out = await sdk.send(new EncryptCommand({ KeyId: KMS_ARN, Plaintext: Buffer.from(CANARY.awskms), EncryptionContext: { ...KMS_CONTEXT } }));
        blobs.push(Buffer.from(out.CiphertextBlob!).toString('base64'));
      }
      return blobs;
    } finally {
      sdk.destroy();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.vault.close(), this.kms.close()]);
  }

  reset(): void {
    this.vault.reset();
    this.kms.reset();
  }

  /** The CI environment that reaches every backend. */
  env(): Record<string, string> {
    return {
      VAULT_ADDR: this.vault.url,
      VAULT_TOKEN: CREDENTIAL.vaultToken,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_KMS: this.kms.url,
      AWS_ACCESS_KEY_ID: CREDENTIAL.awsAccessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIAL.awsSecretKey,
      SOPS_AGE_KEY: this.ageIdentity,
      SHOP_CI_TOKEN: CANARY.env,
    };
  }

  /** Every string that must never leave through a channel other than render's manifest stream. */
  forbidden(): string[] {
    return [
      ...Object.values(CANARY),
      ...Object.values(CREDENTIAL).filter((c) => c.includes('CANARY')),
      'CANARY',
      this.ageIdentity,
      'AGE-SECRET-KEY',
    ];
  }

  formationYaml(options: { kmsBlob?: string; kmsContext?: string } = {}): string {
    return [
      'environment: production',
      'destination: { context: prod, namespace: shop }',
      'values:',
      '  greeting: hello',
      'secrets:',
      `  vault_kv2: ${REFERENCE.vault_kv2}`,
      `  vault_kv1: ${REFERENCE.vault_kv1}`,
      `  awskms: { awskms: "${options.kmsBlob ?? this.kmsBlob}", context: ${options.kmsContext ?? '{ app: shop, env: prod }'} }`,
      `  sops: ${REFERENCE.sops}`,
      `  env: ${REFERENCE.env}`,
      `  file: ${REFERENCE.file}`,
      '',
    ].join('\n');
  }

  /** A temp copy of the fixture project (outside any git work tree) wired to these backends. */
  project(): { dir: string; remove: () => void } {
    const t = copyProject(path.join(fixturesDir, 'e2e-secrets-project'), ['README.md']);
    write(t.dir, 'formations/prod.yaml', this.formationYaml());
    write(t.dir, 'secrets/shop.enc.yaml', this.sopsFile);
    write(t.dir, 'ci/token.txt', `${CANARY.file}\n`);
    return t;
  }
}

export function write(root: string, rel: string, text: string): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

/** Runs the CLI in-process in `cwd` with exactly `env` (nothing from the real process). */
export async function cli(argv: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const io = memoryIO({ cwd, env });
  const code = await run(argv, io);
  return { code, stdout: io.out, stderr: io.err };
}

/** Drops the quoted source lines (`  9 |   sops: …`) and their caret lines. */
export function withoutCodeFrames(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*\d*\s+\|/.test(l))
    .join('\n');
}

/** Fails naming the channel and the forbidden string found in it. */
export function expectNoneOf(forbidden: readonly string[], channels: Readonly<Record<string, string>>): void {
  const found: string[] = [];
  for (const [channel, text] of Object.entries(channels)) {
    for (const f of forbidden) if (f !== '' && text.includes(f)) found.push(`${channel} contains ${JSON.stringify(f)}`);
  }
  expect(found).toEqual([]);
}

/**
 * Every generic way of turning a value into text, as deep as each goes: JSON (cycles cut),
 * util.inspect with hidden properties and getters, and for errors their string and stack.
 */
export function dump(value: unknown): string {
  const seen = new WeakSet<object>();
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return String(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[cycle]';
      seen.add(v);
      if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), x as unknown]));
      if (v instanceof Set) return [...v];
    }
    return v;
  });
  const deep = inspect(value, { depth: Infinity, showHidden: true, getters: true, maxArrayLength: Infinity, maxStringLength: Infinity });
  const error = value instanceof Error ? `${String(value)}\n${value.stack ?? ''}` : '';
  return `${json}\n${deep}\n${error}`;
}

/** Every file below `dir`, relative path → contents. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, e);
    if (fs.statSync(abs).isFile()) out[e] = fs.readFileSync(abs, 'utf8');
  }
  return out;
}
