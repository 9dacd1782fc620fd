import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { appendApproval, applyApprovals, approvalPayload, parseAllowedSigners, parseApprovals, type ApprovalEntry } from '../../../src/policy/index.js';
import { makeKey, sshSign, type TestKey } from '../../support/ssh-keys.js';
import { tempDir } from '../../support/temp-project.js';

const now = new Date('2026-06-01T12:00:00Z');
const signoff: Finding = {
  policy: 'lb-ip-change',
  severity: 'signoff',
  message: 'm',
  formation: 'prod',
  resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
  path: 'spec.loadBalancerIP',
  fingerprint: '3f9c2a1b7d4e',
};
const entry: ApprovalEntry = {
  fingerprint: '3f9c2a1b7d4e',
  policy: 'lb-ip-change',
  resource: 'prod/Service/shop/web',
  by: 'ops@example.com',
  reason: 'Move to the new static IP (OPS-123): "quoted" ✓',
  expires: '2026-12-31',
};

let tmp: ReturnType<typeof tempDir>;
let ops: TestKey;
let outsider: TestKey;
let allowed: string;

beforeAll(() => {
  tmp = tempDir('copperplate-signed-approvals-');
  ops = makeKey(tmp.dir, 'ed25519', 'ops');
  outsider = makeKey(tmp.dir, 'ecdsa-p256', 'outsider');
  allowed = `ops@example.com ${ops.publicKey}\n`;
});
afterAll(() => tmp.remove());

/** approvals.yaml with `entries`, each signed by `signWith` (as written by appendApproval). */
function approvalsFile(entries: { entry: ApprovalEntry; signWith?: () => TestKey; edit?: (text: string) => string }[]): string {
  let text = '# approvals\n';
  for (const e of entries) {
    const signed = e.signWith ? { ...e.entry, signature: sshSign(tmp.dir, e.signWith().private, approvalPayload(e.entry)) } : e.entry;
    const added = appendApproval('', signed);
    text += e.edit ? e.edit(added) : added;
  }
  return text;
}

function run(text: string, require: boolean, signing = true, finding: Finding = signoff) {
  const parsed = parseApprovals('approvals.yaml', text);
  expect(parsed.diagnostics).toEqual([]);
  const signers = parseAllowedSigners('allowed_signers', allowed).signers;
  return applyApprovals([finding], parsed.approvals, { now, formations: ['prod'], ...(signing ? { signing: { signers, require } } : {}) });
}

describe('signed sign-offs', () => {
  it('round-trips: appendApproval writes the signature so that it verifies after parsing', () => {
    const text = approvalsFile([{ entry, signWith: () => ops }]);
    expect(text).toMatch(/\n {2}signature: \|\n {4}-----BEGIN SSH SIGNATURE-----\n/);
    const r = run(text, true);
    expect(r.findings[0]).toMatchObject({ approved: true, approvedBy: 'ops@example.com' });
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => [e.status, e.signature.state, e.covers])).toEqual([['counted', 'verified', 1]]);
    expect(r.entries[0]!.signature).toMatchObject({ principals: 'ops@example.com', key: expect.stringMatching(/^SHA256:/), signer: { file: 'allowed_signers', line: 1 } });
  });

  it.each([
    ['an edited reason', { entry, signWith: () => ops, edit: (t: string) => t.replace('static IP', 'static  IP') }, /does not match/],
    ['a later expiry', { entry, signWith: () => ops, edit: (t: string) => t.replace('2026-12-31', '2027-12-31') }, /does not match/],
    ['a key outside the allowed signers', { entry, signWith: () => outsider }, /not in the allowed signers/],
    ['a by that is not the signer', { entry: { ...entry, by: 'mallory@example.com' }, signWith: () => ops }, /allowed for ops@example.com.*not for mallory@example.com/],
    ['a garbled signature', { entry, signWith: () => ops, edit: (t: string) => t.replace(/(signature: \|\n {4}-----BEGIN SSH SIGNATURE-----\n {4})(\w)/, (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A')) }, /./],
  ])('%s does not count, with or without require', (_name, e, reason) => {
    for (const require of [true, false]) {
      const r = run(approvalsFile([e]), require);
      expect(r.findings[0]!.approved).toBe(false);
      expect(r.entries[0]).toMatchObject({ status: 'bad-signature', signature: { state: 'bad', reason: expect.stringMatching(reason) } });
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['APPROVAL_BAD_SIGNATURE', 'warning', 2, 3]]);
      expect(r.diagnostics[0]!.message).toMatch(/^sign-off 3f9c2a1b7d4e by (ops|mallory)@example.com does not count: /);
    }
  });

  it('an unsigned entry counts only without require', () => {
    const text = approvalsFile([{ entry }]);
    const lax = run(text, false);
    expect(lax.findings[0]!.approved).toBe(true);
    expect(lax.entries[0]).toMatchObject({ status: 'counted', signature: { state: 'unsigned' } });
    expect(lax.diagnostics).toEqual([]);
    const strict = run(text, true);
    expect(strict.findings[0]!.approved).toBe(false);
    expect(strict.entries[0]).toMatchObject({ status: 'unsigned', signature: { state: 'unsigned' } });
    expect(strict.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['APPROVAL_UNSIGNED', 'warning', 2]]);
  });

  it('waivers are signed the same way', () => {
    const waiver: ApprovalEntry = { policy: 'no-latest-tag', resource: 'prod/Service/shop/web', by: 'ops@example.com', reason: 'r', expires: '2026-06-30' };
    const { fingerprint: _, ...violation } = { ...signoff, policy: 'no-latest-tag', severity: 'error' as const };
    expect(run(approvalsFile([{ entry: waiver, signWith: () => ops }]), true, true, violation).entries[0]).toMatchObject({ status: 'counted', signature: { state: 'verified' } });
    expect(run(approvalsFile([{ entry: waiver }]), true, true, violation).entries[0]).toMatchObject({ status: 'unsigned' });
  });

  it('an expired signed entry is expired; a signed entry that covers nothing is unused', () => {
    const expired = { ...entry, expires: '2026-05-31' };
    const other = { ...entry, fingerprint: 'aaaaaaaaaaaa' };
    const r = run(approvalsFile([{ entry: expired, signWith: () => ops }, { entry: other, signWith: () => ops }]), true);
    expect(r.entries.map((e) => [e.status, e.signature.state])).toEqual([
      ['expired', 'verified'],
      ['unused', 'verified'],
    ]);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['APPROVAL_EXPIRED', 'APPROVAL_UNUSED']);
  });

  it('without approvalSigning a signature is not checked, and says so', () => {
    const r = run(approvalsFile([{ entry, signWith: () => outsider }]), false, false);
    expect(r.findings[0]!.approved).toBe(true);
    expect(r.entries[0]).toMatchObject({ status: 'counted', signature: { state: 'unchecked' } });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['APPROVAL_SIGNATURE_UNCHECKED', 'warning']]);
  });

  it('a flow-style approvals file gets the signed entry too', () => {
    const signature = sshSign(tmp.dir, ops.private, approvalPayload(entry));
    const text = appendApproval('[]\n', { ...entry, signature });
    expect(run(text, true).entries[0]).toMatchObject({ status: 'counted' });
  });
});
