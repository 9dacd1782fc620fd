import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendApproval, approvalPayload, type ApprovalEntry } from '../../src/policy/index.js';
import { fixturesDir } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { makeKey, sshSign, type TestKey } from '../support/ssh-keys.js';
import { copyProject, tempDir } from '../support/temp-project.js';

// `copperplate approvals` and `approvals payload` in-process, on the signing fixture
// (a changed load-balancer IP against baseline/, approvalSigning.require on).
const FINGERPRINT = '5e7470cbd162';
const entry: ApprovalEntry = { fingerprint: FINGERPRINT, policy: 'lb-ip-change', resource: 'production/Service/shop/web', by: 'ops@example.com', reason: 'Move to the new static IP (OPS-123)' };
const waiver: ApprovalEntry = { policy: 'no-latest-tag', resource: 'production/Service/shop/web', by: 'ops@example.com', reason: 'migration week', expires: '2026-02-01' };

let keys: ReturnType<typeof tempDir>;
let ops: TestKey;
let outsider: TestKey;
let project: ReturnType<typeof tempDir>;

beforeAll(() => {
  keys = tempDir('copperplate-approvals-keys-');
  ops = makeKey(keys.dir, 'ed25519', 'ops');
  outsider = makeKey(keys.dir, 'ecdsa-p256', 'outsider');
});
afterAll(() => keys.remove());
afterEach(() => project?.remove());

function setup(entries: (ApprovalEntry & { signature?: string })[]): string {
  project = copyProject(path.join(fixturesDir, 'signing-project'));
  fs.mkdirSync(path.join(project.dir, '.copperplate'));
  fs.writeFileSync(path.join(project.dir, '.copperplate/allowed_signers'), `ops@example.com ${ops.publicKey}\n`);
  const file = path.join(project.dir, 'approvals.yaml');
  for (const e of entries) fs.writeFileSync(file, appendApproval(fs.readFileSync(file, 'utf8'), e));
  return project.dir;
}
const signed = (e: ApprovalEntry, key: TestKey = ops) => ({ ...e, signature: sshSign(keys.dir, key.private, approvalPayload(e)) });
const approvals = (dir: string, ...args: string[]) => runCli(['approvals', ...args, '--baseline-dir', 'baseline'], dir);

describe('copperplate approvals', () => {
  it('lists each entry with its status and signer (text), exit 0', async () => {
    const dir = setup([signed(entry), { ...signed(entry), by: 'lead@example.com' }, signed({ ...entry, fingerprint: 'aaaaaaaaaaaa' }, outsider), waiver]);
    const r = await approvals(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\n');
    expect(rows[0]).toBe('approvals.yaml: 4 entries, signatures required (allowed signers: .copperplate/allowed_signers)');
    expect(rows[2]).toMatch(/^LINE +ENTRY +POLICY +RESOURCE +BY +STATUS +SIGNER +EXPIRES$/);
    expect(rows[3]).toMatch(/^2 +5e7470cbd162 +lb-ip-change +production\/Service\/shop\/web +ops@example.com +counted +ops@example.com SHA256:\S+ +-$/);
    expect(rows[4]).toMatch(/ lead@example.com +bad signature +bad signature \(SHA256:\S+\) +-$/);
    expect(rows[5]).toMatch(/^\d+ +aaaaaaaaaaaa .* bad signature /);
    expect(rows[6]).toMatch(/^\d+ +waiver +no-latest-tag .* unsigned +- +2026-02-01$/);
    expect(r.stdout).toMatch(/approvals\.yaml:\d+:3 {2}bad signature: key SHA256:\S+ is allowed for ops@example.com .*not for lead@example.com/);
    expect(r.stdout).toMatch(/approvals\.yaml:\d+:3 {2}bad signature: signed with ecdsa-sha2-nistp256 key SHA256:\S+, which is not in the allowed signers/);
    expect(r.stdout).toMatch(/approvals\.yaml:\d+:3 {2}unsigned: not signed/);
  });

  it('--format json: the listing as data', async () => {
    const dir = setup([signed(entry), entry]);
    const r = await approvals(dir, '--format', 'json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toMatchObject({ version: 1, file: 'approvals.yaml', signing: { allowedSigners: '.copperplate/allowed_signers', require: true }, exitCode: 0 });
    expect(list.entries).toMatchObject([
      { kind: 'signoff', fingerprint: FINGERPRINT, by: 'ops@example.com', status: 'counted', covers: 1, signature: { state: 'verified', principals: 'ops@example.com', signer: { file: '.copperplate/allowed_signers', line: 1 } }, line: 2 },
      { kind: 'signoff', status: 'unsigned', covers: 0, signature: { state: 'unsigned' } },
    ]);
    expect(list.diagnostics.map((d: { code: string }) => d.code)).toEqual(['APPROVAL_UNSIGNED']);
  });

  it('exit 2 with the diagnostic when the allowed-signers file is broken', async () => {
    const dir = setup([signed(entry)]);
    fs.writeFileSync(path.join(dir, '.copperplate/allowed_signers'), 'ops@example.com valid-after=2026 ssh-ed25519 AAAA\n');
    const r = await approvals(dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.copperplate/allowed_signers:1:17  error  ALLOWED_SIGNERS_INVALID');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('copperplate approvals payload', () => {
  it('prints exactly the bytes the signature covers: ssh-keygen -Y verify accepts them', async () => {
    const dir = setup([signed(entry)]);
    const r = await runCli(['approvals', 'payload', FINGERPRINT], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(approvalPayload(entry).toString('utf8'));
    const signature = /signature: \|\n((?: {4}.*\n)+)/.exec(fs.readFileSync(path.join(dir, 'approvals.yaml'), 'utf8'))![1]!.replace(/^ {4}/gm, '');
    fs.writeFileSync(path.join(dir, 'payload.sig'), signature);
    const verify = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', '.copperplate/allowed_signers', '-I', 'ops@example.com', '-n', 'copperplate-approval', '-s', 'payload.sig'], {
      cwd: dir,
      input: Buffer.from(r.stdout, 'utf8'),
    });
    expect(verify.stdout.toString()).toMatch(/^Good "copperplate-approval" signature for ops@example.com/);
    expect(verify.status).toBe(0);
  });

  it('--line picks a waiver; --by picks among entries of one fingerprint', async () => {
    const dir = setup([entry, { ...entry, by: 'lead@example.com' }, waiver]);
    const byLine = await runCli(['approvals', 'payload', '--line', '12'], dir);
    expect(byLine.stdout).toBe(approvalPayload(waiver).toString('utf8'));
    const ambiguous = await runCli(['approvals', 'payload', FINGERPRINT], dir);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/error {2}USAGE {2}2 entries with fingerprint 5e7470cbd162: by ops@example.com \(line 2\), by lead@example.com \(line 7\)/);
    const byWho = await runCli(['approvals', 'payload', FINGERPRINT, '--by', 'lead@example.com'], dir);
    expect(byWho.stdout).toBe(approvalPayload({ ...entry, by: 'lead@example.com' }).toString('utf8'));
  });

  it.each([
    [['approvals', 'payload', 'bbbbbbbbbbbb'], 'APPROVAL_UNKNOWN_FINGERPRINT'],
    [['approvals', 'payload'], 'USAGE'],
  ])('%j: exit 2, %s, nothing on stdout', async (argv, code) => {
    const dir = setup([entry]);
    const r = await runCli(argv, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(code);
  });
});
