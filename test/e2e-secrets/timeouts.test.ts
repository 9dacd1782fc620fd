import { describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../support/run-cli.js';
import { CanaryBackends, REFERENCE, cli, expectNoneOf, withoutCodeFrames, write, type CliRun } from './support/canary-backends.js';

/**
 * Backends that stop answering. Each case waits out the 10 s fetch timeout (the CLI's default;
 * copperplate.yaml has no key to shorten it), so the cases run concurrently, each with its own
 * servers. The vitest timeout of 30 s is the bound the issue sets ("exits 2 within the
 * timeout", "not a hang"); the request logs show that nothing waits out a second timeout.
 */
const isRead = (p: string): boolean => p.startsWith('/v1/secret/data/') || p.startsWith('/v1/kv/');
const HUNG = 60_000;

async function withBackends(fn: (b: CanaryBackends) => Promise<void>): Promise<void> {
  const b = await new CanaryBackends().start();
  const project = b.project();
  try {
    await fn(Object.assign(b, { dir: project.dir }));
  } finally {
    project.remove();
    await b.stop();
  }
}

type WithDir = CanaryBackends & { dir: string };

async function renderFails(b: WithDir, formation: string, references: readonly string[], code: string): Promise<CliRun> {
  const r = await cli(['render', formation], b.dir, b.env());
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  for (const ref of references) {
    expect(r.stderr.split('\n').some((l) => l.includes(ref) && l.includes(code)), `${code} naming ${ref} in:\n${r.stderr}`).toBe(true);
  }
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expectNoneOf(b.forbidden(), { stderr: r.stderr });
  return r;
}

/** A formation `many` with `n` secrets of one kind, all used by one Secret. */
function many(b: WithDir, refs: readonly string[]): string[] {
  const names = refs.map((_, i) => `s${String(i).padStart(2, '0')}`);
  write(b.dir, 'formations/many.yaml', `environment: many\nsecrets:\n${names.map((n, i) => `  ${n}: ${refs[i]}\n`).join('')}`);
  write(b.dir, 'stencils/many.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: many\nstringData:\n${names.map((n) => `  ${n}: \${secrets.${n}}\n`).join('')}`);
  return names;
}

describe.concurrent('a backend that never answers: exit 2 after one fetch timeout', () => {
  it('Vault reads hang: SECRET_TIMEOUT naming both Vault references', async () => {
    await withBackends(async (b) => {
      b.vault.faults.push({ match: (r) => isRead(r.path), delayMs: HUNG });
      const r = await renderFails(b as WithDir, 'prod', [REFERENCE.vault_kv2, REFERENCE.vault_kv1], 'SECRET_TIMEOUT');
      expect(r.stderr).toContain('10000 ms');
    });
  }, 30_000);

  it('Vault answers the token check and nothing else: the second mount detection is not sent', async () => {
    await withBackends(async (b) => {
      b.vault.faults.push({ match: (r) => !r.path.startsWith('/v1/auth/token/lookup-self'), delayMs: HUNG });
      await renderFails(b as WithDir, 'prod', [REFERENCE.vault_kv2, REFERENCE.vault_kv1], 'SECRET_TIMEOUT');
      expect(b.vault.requests.filter((r) => r.path.startsWith('/v1/sys/internal/ui/mounts/'))).toHaveLength(1);
    });
  }, 30_000);

  it('Vault hangs with more paths than fetches run at once: the queued reads are not sent', async () => {
    await withBackends(async (b) => {
      const refs = Array.from({ length: 12 }, (_, i) => `vault:secret/shop/p${i}#k`);
      many(b as WithDir, refs);
      b.vault.faults.push({ match: (r) => isRead(r.path), delayMs: HUNG });
      await renderFails(b as WithDir, 'many', refs, 'SECRET_TIMEOUT');
      expect(b.vault.requests.filter((q) => isRead(q.path)).length).toBeLessThan(refs.length);
    });
  }, 30_000);

  it('KMS hangs: SECRET_TIMEOUT, the timed-out Decrypt not sent again', async () => {
    await withBackends(async (b) => {
      b.kms.faults.push({ match: () => true, delayMs: HUNG });
      const r = await renderFails(b as WithDir, 'prod', ['awskms:sha256-'], 'SECRET_TIMEOUT');
      expect(r.stderr).toContain('10000 ms');
      expect(b.kms.operations('Decrypt')).toHaveLength(1);
    });
  }, 30_000);

  it('KMS hangs with more ciphertexts than fetches run at once: the queued Decrypts are not sent', async () => {
    await withBackends(async (b) => {
      // distinct ciphertexts of one plaintext: each is its own fetch
      const blobs = await b.kmsCiphertexts(12);
      many(b as WithDir, blobs.map((blob) => `{ awskms: "${blob}", context: { app: shop, env: prod } }`));
      b.kms.faults.push({ match: () => true, delayMs: HUNG });
      const r = await renderFails(b as WithDir, 'many', ['awskms:sha256-'], 'SECRET_TIMEOUT');
      expect(r.stderr.match(/SECRET_TIMEOUT/g)).toHaveLength(blobs.length);
      expectNoneOf(blobs, { 'stderr without code frames': withoutCodeFrames(r.stderr) });
      expect(b.kms.operations('Decrypt').length).toBeLessThan(blobs.length);
    });
  }, 30_000);
});
