import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConstructedVector, vectorAgeKey } from '../secrets/support/sops-fixtures.js';
import { STACK_TRACE } from '../support/run-cli.js';
import { CANARY, hostileProject, runBin } from './hostile-support.js';

/**
 * A pull request that tries to get the CI job's credentials sent to its own server, or to slip
 * an edit past the sops MAC. Each case: `render` with resolved secrets, exit 2 and the code,
 * no canary (the job's token is one), no stack trace.
 */
const secretOf = (ref: string, config = ''): Record<string, string> => ({
  'copperplate.yaml': `builtinPolicies: []\n${config}`,
  'stencils/app.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  k: ${secrets.k}\n',
  'formations/prod.yaml': `environment: production\nsecrets:\n  k: ${JSON.stringify(ref)}\n`,
});

const macOnlySwitchedOn = readConstructedVector('full-mac.enc.yaml')
  .replace(/^name: .*$/m, 'name: planted-by-a-pull-request')
  .replace(/^( {4}version: .*)$/m, '    mac_only_encrypted: true\n$1');

const cases: { name: string; files: Record<string, string>; env: Record<string, string>; diagnostic: string }[] = [
  {
    name: 'vault.address in copperplate.yaml, VAULT_TOKEN in the environment',
    files: secretOf('vault:secret/app#k', 'vault: { address: "https://vault.pull-request.example:8200" }\n'),
    env: { VAULT_TOKEN: CANARY.env },
    diagnostic: 'SECRET_ADDRESS_UNTRUSTED',
  },
  {
    name: 'kms.endpoint in copperplate.yaml, AWS credentials in the environment',
    files: secretOf('awskms:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=', 'kms: { region: us-east-1, endpoint: "https://kms.pull-request.example" }\n'),
    env: { AWS_ACCESS_KEY_ID: 'AKIDHOSTILE', AWS_SECRET_ACCESS_KEY: CANARY.env, AWS_SESSION_TOKEN: CANARY.env },
    diagnostic: 'SECRET_ADDRESS_UNTRUSTED',
  },
  {
    name: 'a sops file with mac_only_encrypted switched on to cover an edited plain value',
    files: { ...secretOf('sops:secrets/db.enc.yaml#name'), 'secrets/db.enc.yaml': macOnlySwitchedOn },
    env: { SOPS_AGE_KEY: vectorAgeKey },
    diagnostic: 'SOPS_MAC_MISMATCH',
  },
];

const made: { remove: () => void }[] = [];
afterAll(() => {
  for (const p of made) p.remove();
});

describe('hostile projects: secrets backends and sops', () => {
  it.each(cases)('$name', async (c) => {
    const project = hostileProject(c.files);
    made.push(project);
    const r = await runBin(['render', '--secrets', 'resolve'], project.dir, { HOME: path.dirname(project.outsideFile), ...c.env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const all = r.stdout + r.stderr;
    expect(all).toContain(c.diagnostic);
    for (const canary of [...Object.values(CANARY), 'canary-mac-only', 'planted-by-a-pull-request', vectorAgeKey]) expect(all).not.toContain(canary);
    expect(all).not.toMatch(STACK_TRACE);
  }, 20_000);
});
