import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalPayloadOf, approvals, check, formatApprovalList, formatReport, loadProject, REPORT_FORMATS, sshKeygenSigner } from '../../src/index.js';
import { appendApproval, approvalPayload, type ApprovalEntry } from '../../src/policy/index.js';
import { fixturesDir } from '../support/paths.js';
import { makeKey, sshSign, type TestKey } from '../support/ssh-keys.js';
import { copyProject, tempDir } from '../support/temp-project.js';

// The check pipeline with approvalSigning (SPEC §5.4): a changed load-balancer IP, signed or not.
const FIXTURE = path.join(fixturesDir, 'signing-project');
const FINGERPRINT = '5e7470cbd162';
const entry: ApprovalEntry = {
  fingerprint: FINGERPRINT,
  policy: 'lb-ip-change',
  resource: 'production/Service/shop/web',
  by: 'ops@example.com',
  reason: 'Move to the new static IP (OPS-123)',
};

let keys: ReturnType<typeof tempDir>;
let ops: TestKey;
let outsider: TestKey;

beforeAll(() => {
  keys = tempDir('copperplate-signing-keys-');
  ops = makeKey(keys.dir, 'ed25519', 'ops');
  outsider = makeKey(keys.dir, 'ed25519', 'outsider');
});
afterAll(() => keys.remove());

async function checkWith(approval: ApprovalEntry & { signature?: string }, config: (text: string) => string = (t) => t) {
  const project = copyProject(FIXTURE);
  try {
    fs.mkdirSync(path.join(project.dir, '.copperplate'));
    fs.writeFileSync(path.join(project.dir, '.copperplate/allowed_signers'), `# ops team\nops@example.com ${ops.publicKey}\n`);
    const configFile = path.join(project.dir, 'copperplate.yaml');
    fs.writeFileSync(configFile, config(fs.readFileSync(configFile, 'utf8')));
    const approvalsFile = path.join(project.dir, 'approvals.yaml');
    fs.writeFileSync(approvalsFile, appendApproval(fs.readFileSync(approvalsFile, 'utf8'), approval));
    const loaded = await loadProject({ root: project.dir });
    return await check(loaded, { baseline: { dir: path.join(project.dir, 'baseline') }, now: () => new Date('2026-06-01T00:00:00Z') });
  } finally {
    project.remove();
  }
}

const signed = (e: ApprovalEntry, key: TestKey = ops) => ({ ...e, signature: sshSign(keys.dir, key.private, approvalPayload(e)) });

describe('check with approvalSigning.require', () => {
  it('a sign-off signed by the allowed signer named in by counts', async () => {
    const r = await checkWith(signed(entry));
    expect(r.report.diagnostics).toEqual([]);
    expect(r.report.findings[0]).toMatchObject({ fingerprint: FINGERPRINT, approved: true, approvedBy: 'ops@example.com' });
    expect(r.report.exitCode).toBe(0);
  });

  it.each([
    ['an edited reason', () => ({ ...signed(entry), reason: 'Something else (OPS-123)' }), 'APPROVAL_BAD_SIGNATURE'],
    ['a key outside the allowed signers', () => signed(entry, outsider), 'APPROVAL_BAD_SIGNATURE'],
    ['a by that is not the signer', () => signed({ ...entry, by: 'lead@example.com' }), 'APPROVAL_BAD_SIGNATURE'],
    ['no signature', () => entry, 'APPROVAL_UNSIGNED'],
  ])('%s does not count, and is reported in every format', async (_name, make, code) => {
    const r = await checkWith(make());
    expect(r.report.findings[0]).toMatchObject({ fingerprint: FINGERPRINT, approved: false });
    expect(r.report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([[code, 'approvals.yaml', 2, 3]]);
    expect(r.report.exitCode).toBe(1);
    for (const format of REPORT_FORMATS) {
      expect(formatReport(r.report, format, { root: '/nowhere' } as never), format).toContain(code);
    }
  });

  it('without require, an unsigned entry counts and a bad signature still does not', async () => {
    const lax = (t: string) => t.replace('require: true', 'require: false');
    expect((await checkWith(entry, lax)).report.exitCode).toBe(0);
    const bad = await checkWith({ ...signed(entry), reason: 'edited' }, lax);
    expect(bad.report.exitCode).toBe(1);
    expect(bad.report.diagnostics.map((d) => d.code)).toEqual(['APPROVAL_BAD_SIGNATURE']);
  });

  it('a missing allowed-signers file is an error at the config key', async () => {
    const r = await checkWith(signed(entry), (t) => t.replace('.copperplate/allowed_signers', '.copperplate/missing'));
    expect(r.report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toContainEqual(['FILE_UNREADABLE', 'copperplate.yaml', 5, 19]);
    expect(r.report.exitCode).toBe(2);
  });

  it('an allowed-signers file outside the project is refused', async () => {
    const r = await checkWith(signed(entry), (t) => t.replace('.copperplate/allowed_signers', '../allowed_signers'));
    expect(r.report.diagnostics.map((d) => [d.code, d.file, d.line])).toContainEqual(['PATH_OUTSIDE_PROJECT', 'copperplate.yaml', 5]);
    expect(r.report.exitCode).toBe(2);
  });
});

describe('the library forms of approvals, approvals payload and signing', () => {
  it('lists entries with status and signer, gives the payload, signs through ssh-keygen', async () => {
    const project = copyProject(FIXTURE);
    try {
      fs.mkdirSync(path.join(project.dir, '.copperplate'));
      fs.writeFileSync(path.join(project.dir, '.copperplate/allowed_signers'), `ops@example.com ${ops.publicKey}\n`);
      const signature = await sshKeygenSigner(ops.private, { env: { PATH: process.env.PATH } })(approvalPayload(entry));
      const approvalsFile = path.join(project.dir, 'approvals.yaml');
      fs.writeFileSync(approvalsFile, appendApproval(fs.readFileSync(approvalsFile, 'utf8'), { ...entry, signature }));
      const loaded = await loadProject({ root: project.dir });
      const list = await approvals(loaded, { baseline: { dir: path.join(project.dir, 'baseline') }, now: () => new Date('2026-06-01T00:00:00Z') });
      expect(list).toMatchObject({ exitCode: 0, entries: [{ fingerprint: FINGERPRINT, status: 'counted', covers: 1, signature: { state: 'verified' } }] });
      expect(formatApprovalList(list, 'text')).toContain('counted');
      const payload = approvalPayloadOf(loaded, { fingerprint: FINGERPRINT });
      expect(payload.payload?.equals(approvalPayload(entry))).toBe(true);
    } finally {
      project.remove();
    }
  });
});
