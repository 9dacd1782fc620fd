import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { STACK_TRACE } from '../support/run-cli.js';
import { CANARY, CanaryBackends, REFERENCE, expectNoneOf, type CliRun } from './support/canary-backends.js';

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

/**
 * The built CLI in its own process, with the real process environment plumbing (nodeIO).
 * Asynchronous on purpose: the loopback servers live in this process and must keep answering.
 */
function bin(argv: readonly string[], env: Record<string, string>): Promise<CliRun> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'run.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (or `npm test`, which builds) before this test');
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'copperplate.js'), ...argv],
      { cwd: project.dir, env: { PATH: process.env['PATH'] ?? '', HOME: project.dir, NO_COLOR: '1', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('bin/copperplate.js (built) with a canary in every backend', () => {
  it('render: every canary on stdout, stderr empty (no SDK notice, nothing)', async () => {
    const r = await bin(['render', 'prod'], backends.env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const canary of Object.values(CANARY)) expect(r.stdout).toContain(canary);
  });

  it('--debug render against a Vault answering 500: exit 2, nothing on stdout, no secret on stderr', async () => {
    backends.vault.faults.push({ match: () => true, status: 500 });
    const r = await bin(['--debug', 'render', 'prod'], backends.env());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(REFERENCE.vault_kv2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expectNoneOf(backends.forbidden(), { stderr: r.stderr });
  });

  it('check with no credentials in the environment at all: exit 0, no canary', async () => {
    const r = await bin(['check', '--format', 'json'], {});
    expect(r.code).toBe(0);
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expect(backends.vault.requests).toEqual([]);
    expect(backends.kms.requests).toEqual([]);
  });
});
