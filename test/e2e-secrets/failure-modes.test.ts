import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { generateIdentity } from 'age-encryption';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../support/run-cli.js';
import { CanaryBackends, CREDENTIAL, REFERENCE, cli, expectNoneOf, withoutCodeFrames, write } from './support/canary-backends.js';

const backends = new CanaryBackends();
const projects: { remove: () => void }[] = [];
let closedPort = 0;

beforeAll(async () => {
  await backends.start();
  OTHER_AGE_KEY = await generateIdentity();
  // a port that was just free: nothing listens there
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  for (const p of projects) p.remove();
  await backends.stop();
});
beforeEach(() => backends.reset());

const WRONG_TOKEN = 'hvs.CANARY-cred-wrong-token-6b0c';
const WRONG_SECRET_ID = 'CANARY-cred-wrong-secret-id-13f7';
// a well-formed identity that is not a recipient of the file
let OTHER_AGE_KEY = '';
// bech32-looking but invalid: a parser that echoes what it could not read would show it
const MALFORMED_AGE_KEY = 'AGE-SECRET-KEY-1CANARYAGEKEY7QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';
const isRead = (p: string): boolean => p.startsWith('/v1/secret/data/') || p.startsWith('/v1/kv/');

interface FailureCase {
  name: string;
  /** Changes the project, the environment or the servers before the run. */
  arrange: (dir: string, env: Record<string, string | undefined>) => void;
  /** The references the diagnostics must name, and their codes. */
  expected: { reference: string; code: string }[];
  /** Further strings the output must not contain (credentials of this case). */
  forbidden?: () => string[];
  /**
   * Strings no message or hint may contain, though the code frame may: the KMS ciphertext is
   * committed in the formation, and the frame quotes that line of it.
   */
  notInMessages?: () => string[];
  /** Checks on the backends after the run. */
  after?: () => void;
}

const bothVault = (code: string) => [
  { reference: REFERENCE.vault_kv2, code },
  { reference: REFERENCE.vault_kv1, code },
];

const cases: FailureCase[] = [
  {
    name: 'Vault answers 500 to every read: retried, then fails',
    arrange: () => backends.vault.faults.push({ match: (r) => isRead(r.path), status: 500 }),
    expected: bothVault('SECRET_UNRESOLVED'),
    after: () => {
      // one attempt plus two retries, for each path
      expect(backends.vault.requestsTo('secret/data/shop/db')).toHaveLength(3);
      expect(backends.vault.requestsTo('kv/shop/api')).toHaveLength(3);
    },
  },
  {
    name: 'Vault answers 500 to everything (token lookup included)',
    arrange: () => backends.vault.faults.push({ match: () => true, status: 500 }),
    expected: bothVault('SECRET_UNRESOLVED'),
  },
  {
    name: 'Vault is not listening',
    arrange: (_dir, env) => {
      env['VAULT_ADDR'] = `http://127.0.0.1:${closedPort}`;
    },
    expected: bothVault('SECRET_UNRESOLVED'),
  },
  {
    name: 'Vault is not listening, and VAULT_ADDR carries user:password',
    arrange: (_dir, env) => {
      env['VAULT_ADDR'] = `http://vault-user:CANARY-cred-addr-password-73c1@127.0.0.1:${closedPort}`;
    },
    expected: bothVault('SECRET_UNRESOLVED'),
    forbidden: () => ['vault-user'],
  },
  {
    name: 'Vault denies the reads (403)',
    arrange: () => backends.vault.faults.push({ match: (r) => isRead(r.path), status: 403 }),
    expected: bothVault('SECRET_ACCESS_DENIED'),
  },
  {
    name: 'Vault rejects the token',
    arrange: (_dir, env) => {
      env['VAULT_TOKEN'] = WRONG_TOKEN;
    },
    expected: bothVault('VAULT_AUTH_FAILED'),
    forbidden: () => [WRONG_TOKEN],
    after: () => expect(backends.vault.requestsTo('secret/data/shop/db')).toEqual([]),
  },
  {
    name: 'Vault rejects the token from ~/.vault-token',
    arrange: (dir, env) => {
      delete env['VAULT_TOKEN'];
      // the CLI's home directory is the working directory in these runs
      write(dir, '.vault-token', `${WRONG_TOKEN}\n`);
    },
    expected: bothVault('VAULT_AUTH_FAILED'),
    forbidden: () => [WRONG_TOKEN],
  },
  {
    name: 'Vault AppRole login with a wrong secret id',
    arrange: (_dir, env) => {
      delete env['VAULT_TOKEN'];
      env['VAULT_ROLE_ID'] = 'e2e-role';
      env['VAULT_SECRET_ID'] = WRONG_SECRET_ID;
    },
    expected: bothVault('VAULT_AUTH_FAILED'),
    forbidden: () => [WRONG_SECRET_ID, CREDENTIAL.approleSecretId],
  },
  {
    name: 'KMS answers AccessDenied',
    arrange: (dir) => write(dir, 'formations/prod.yaml', backends.formationYaml({ kmsBlob: backends.kmsDeniedBlob })),
    expected: [{ reference: 'awskms:sha256-', code: 'SECRET_ACCESS_DENIED' }],
    notInMessages: () => [backends.kmsDeniedBlob, backends.kmsDeniedBlob.slice(0, 24)],
  },
  {
    name: 'KMS answers 500 to everything: retried by the SDK, then fails',
    arrange: () => backends.kms.faults.push({ match: () => true, status: 500 }),
    expected: [{ reference: 'awskms:sha256-', code: 'SECRET_UNRESOLVED' }],
    after: () => expect(backends.kms.operations('Decrypt')).toHaveLength(3),
  },
  {
    name: 'KMS is not listening',
    arrange: (_dir, env) => {
      env['AWS_ENDPOINT_URL_KMS'] = `http://127.0.0.1:${closedPort}`;
    },
    expected: [{ reference: 'awskms:sha256-', code: 'SECRET_UNRESOLVED' }],
  },
  {
    name: 'KMS rejects the credentials',
    arrange: (_dir, env) => {
      env['AWS_ACCESS_KEY_ID'] = 'AKIDE2EWRONG';
    },
    expected: [{ reference: 'awskms:sha256-', code: 'SECRET_UNRESOLVED' }],
  },
  {
    name: 'KMS: the encryption context does not match',
    arrange: (dir) => write(dir, 'formations/prod.yaml', backends.formationYaml({ kmsContext: '{ app: shop, env: staging }' })),
    expected: [{ reference: 'awskms:sha256-', code: 'KMS_DECRYPT_FAILED' }],
    notInMessages: () => [backends.kmsBlob, backends.kmsBlob.slice(0, 24)],
  },
  {
    name: 'sops: a value swapped for another validly encrypted one (MAC mismatch)',
    arrange: (dir) => write(dir, 'secrets/shop.enc.yaml', backends.sopsTampered),
    expected: [{ reference: REFERENCE.sops, code: 'SOPS_MAC_MISMATCH' }],
    forbidden: () => ['mallory'],
  },
  {
    name: 'sops: no age key',
    arrange: (_dir, env) => {
      delete env['SOPS_AGE_KEY'];
    },
    expected: [{ reference: REFERENCE.sops, code: 'SOPS_NO_KEY' }],
  },
  {
    name: 'sops: someone else\'s age key',
    arrange: (_dir, env) => {
      env['SOPS_AGE_KEY'] = OTHER_AGE_KEY;
    },
    expected: [{ reference: REFERENCE.sops, code: 'SOPS_NO_KEY' }],
    forbidden: () => [OTHER_AGE_KEY, OTHER_AGE_KEY.slice(16, 40)],
  },
  {
    name: 'sops: a malformed age key',
    arrange: (_dir, env) => {
      env['SOPS_AGE_KEY'] = MALFORMED_AGE_KEY;
    },
    expected: [{ reference: REFERENCE.sops, code: 'SOPS_NO_KEY' }],
    forbidden: () => [MALFORMED_AGE_KEY, 'CANARYAGEKEY'],
  },
  {
    name: 'env: the variable is not set',
    arrange: (_dir, env) => {
      delete env['SHOP_CI_TOKEN'];
    },
    expected: [{ reference: REFERENCE.env, code: 'SECRET_NOT_FOUND' }],
  },
  {
    name: 'file: the file does not exist',
    arrange: (dir) => fs.rmSync(path.join(dir, 'ci', 'token.txt')),
    expected: [{ reference: REFERENCE.file, code: 'SECRET_NOT_FOUND' }],
  },
];

async function renderFailing(c: FailureCase, debug: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const project = backends.project();
  projects.push(project);
  const env: Record<string, string | undefined> = backends.env();
  c.arrange(project.dir, env);
  const r = await cli([...(debug ? ['--debug'] : []), 'render', 'prod'], project.dir, env);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  for (const { reference, code } of c.expected) {
    const line = r.stderr.split('\n').find((l) => l.includes(reference) && l.includes(code));
    expect(line, `a ${code} diagnostic naming ${reference} in:\n${r.stderr}`).toBeDefined();
  }
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expectNoneOf([...backends.forbidden(), ...(c.forbidden?.() ?? [])], { stderr: r.stderr });
  expectNoneOf(c.notInMessages?.() ?? [], { 'stderr without code frames': withoutCodeFrames(r.stderr) });
  c.after?.();
  return r;
}

describe('render fails closed: exit 2, nothing on stdout, the reference named, no secret', () => {
  it.each(cases)('$name', async (c) => {
    await renderFailing(c, false);
  }, 30_000);

  it.each(cases)('--debug: $name', async (c) => {
    await renderFailing(c, true);
  }, 30_000);

  it('every failure at once: every reference reported in one run', async () => {
    const all: FailureCase = {
      name: 'all',
      arrange: (dir, env) => {
        env['VAULT_TOKEN'] = WRONG_TOKEN;
        delete env['SHOP_CI_TOKEN'];
        fs.rmSync(path.join(dir, 'ci', 'token.txt'));
        write(dir, 'secrets/shop.enc.yaml', backends.sopsTampered);
        write(dir, 'formations/prod.yaml', backends.formationYaml({ kmsBlob: backends.kmsDeniedBlob }));
      },
      expected: [
        ...bothVault('VAULT_AUTH_FAILED'),
        { reference: 'awskms:sha256-', code: 'SECRET_ACCESS_DENIED' },
        { reference: REFERENCE.sops, code: 'SOPS_MAC_MISMATCH' },
        { reference: REFERENCE.env, code: 'SECRET_NOT_FOUND' },
        { reference: REFERENCE.file, code: 'SECRET_NOT_FOUND' },
      ],
      forbidden: () => [WRONG_TOKEN],
    };
    await renderFailing(all, false);
  });

  it('render --all: one formation that cannot resolve blocks the stream of all of them', async () => {
    const project = backends.project();
    projects.push(project);
    write(project.dir, 'formations/staging.yaml', backends.formationYaml().replace(REFERENCE.env, 'env:STAGING_CI_TOKEN'));
    const alone = await cli(['render', 'prod'], project.dir, backends.env());
    expect(alone.code).toBe(0);
    const r = await cli(['render', '--all'], project.dir, backends.env());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('env:STAGING_CI_TOKEN');
    expectNoneOf(backends.forbidden(), { stderr: r.stderr });
  });
});
