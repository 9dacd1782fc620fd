import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { makeKey, type KeyTypeName, type TestKey } from '../support/ssh-keys.js';
import { copyProject, tempDir } from '../support/temp-project.js';

// `approve --sign KEY` with keys made by the real ssh-keygen, then `check` and `approvals` on the
// result: the sign-off cycle of SPEC §5.4 with approvalSigning.require on.
const FINGERPRINT = '5e7470cbd162';
const env = { PATH: process.env.PATH };
const SIGNED_TYPES: KeyTypeName[] = ['ed25519', 'ecdsa-p256', 'ecdsa-p384', 'rsa'];

let keys: ReturnType<typeof tempDir>;
const byType = new Map<string, TestKey>();
let outsider: TestKey;
let project: ReturnType<typeof tempDir> | undefined;

beforeAll(() => {
  keys = tempDir('copperplate-approve-sign-');
  for (const t of SIGNED_TYPES) byType.set(t, makeKey(keys.dir, t));
  outsider = makeKey(keys.dir, 'ed25519', 'outsider');
});
afterAll(() => keys.remove());
afterEach(() => {
  project?.remove();
  project = undefined;
});

/** The signing fixture with `lines` as its allowed signers; `config` edits copperplate.yaml. */
function setup(lines: string[], config: (text: string) => string = (t) => t): string {
  project = copyProject(path.join(fixturesDir, 'signing-project'));
  fs.mkdirSync(path.join(project.dir, '.copperplate'));
  fs.writeFileSync(path.join(project.dir, '.copperplate/allowed_signers'), `${lines.join('\n')}\n`);
  const file = path.join(project.dir, 'copperplate.yaml');
  fs.writeFileSync(file, config(fs.readFileSync(file, 'utf8')));
  return project.dir;
}
const approvalsText = (dir: string) => fs.readFileSync(path.join(dir, 'approvals.yaml'), 'utf8');
const approve = (dir: string, args: string[], e: Record<string, string | undefined> = env) =>
  runCli(['approve', FINGERPRINT, '--by', 'ops@example.com', '--reason', 'Move to the new static IP (OPS-123)', '--baseline-dir', 'baseline', ...args], dir, e);
const check = (dir: string) => runCli(['check', '--baseline-dir', 'baseline', '--format', 'json'], dir);

describe('approve --sign', () => {
  it.each(SIGNED_TYPES)('%s: the signed sign-off counts; an edited reason then does not', async (type) => {
    const key = byType.get(type)!;
    const dir = setup([`ops@example.com ${key.publicKey}`]);
    expect((await check(dir)).code).toBe(1);
    const r = await approve(dir, ['--sign', key.private]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(approvalsText(dir)).toMatch(/\n {2}signature: \|\n {4}-----BEGIN SSH SIGNATURE-----\n/);

    const ok = await check(dir);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.findings[0]).toMatchObject({ fingerprint: FINGERPRINT, approved: true, approvedBy: 'ops@example.com' });
    expect(report.diagnostics).toEqual([]);

    const listed = JSON.parse((await runCli(['approvals', '--baseline-dir', 'baseline', '--format', 'json'], dir)).stdout);
    expect(listed.entries[0]).toMatchObject({ status: 'counted', signature: { state: 'verified', principals: 'ops@example.com' } });

    fs.writeFileSync(path.join(dir, 'approvals.yaml'), approvalsText(dir).replace('OPS-123', 'OPS-124'));
    const edited = await check(dir);
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['APPROVAL_BAD_SIGNATURE']);
  });

  it("signs with the agent's key when KEY is a .pub file", async () => {
    const agentKey = makeKey(keys.dir, 'ed25519', 'agent-only');
    const sock = path.join(keys.dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !fs.existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
      execFileSync('ssh-add', ['-q', agentKey.private], { env: { ...env, SSH_AUTH_SOCK: sock }, stdio: 'pipe' });
      fs.rmSync(agentKey.private);
      const dir = setup([`ops@example.com ${agentKey.publicKey}`]);
      const r = await approve(dir, ['--sign', agentKey.pub], { ...env, SSH_AUTH_SOCK: sock });
      expect(r.code).toBe(0);
      expect((await check(dir)).code).toBe(0);
    } finally {
      agent.kill();
    }
  });

  it.each([
    ['a key outside the allowed signers', () => [`ops@example.com ${byType.get('ed25519')!.publicKey}`], () => outsider.private, 'APPROVAL_SIGNER_NOT_ALLOWED'],
    ['a key allowed for someone else than --by', () => [`lead@example.com ${outsider.publicKey}`], () => outsider.private, 'APPROVAL_SIGNER_NOT_ALLOWED'],
    ['a missing key file', () => [`ops@example.com ${outsider.publicKey}`], () => path.join(keys.dir, 'nope'), 'APPROVAL_SIGN_FAILED'],
  ])('%s: exit 2, %s, nothing written', async (_name, lines, key, code) => {
    const dir = setup(lines());
    const before = approvalsText(dir);
    const r = await approve(dir, ['--sign', key()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(approvalsText(dir)).toBe(before);
  });

  it('ssh-keygen missing: APPROVAL_SIGN_FAILED naming it', async () => {
    const dir = setup([`ops@example.com ${outsider.publicKey}`]);
    const r = await approve(dir, ['--sign', outsider.private], { PATH: path.join(keys.dir, 'empty-bin') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/APPROVAL_SIGN_FAILED .*ssh-keygen was not found/);
  });

  it('a project without approvalSigning: APPROVAL_SIGNING_NOT_CONFIGURED', async () => {
    const dir = setup([], (t) => t.replace(/approvalSigning:\n(  .*\n)+/, ''));
    const r = await approve(dir, ['--sign', outsider.private]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('APPROVAL_SIGNING_NOT_CONFIGURED');
  });
});

describe('unsigned sign-offs', () => {
  it('count only without require', async () => {
    const strict = setup([`ops@example.com ${outsider.publicKey}`]);
    expect((await approve(strict, [])).code).toBe(0);
    const blocked = await check(strict);
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['APPROVAL_UNSIGNED']);
    project?.remove();

    const lax = setup([`ops@example.com ${outsider.publicKey}`], (t) => t.replace('require: true', 'require: false'));
    expect((await approve(lax, [])).code).toBe(0);
    expect((await check(lax)).code).toBe(0);
  });
});
