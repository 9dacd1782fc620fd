import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedSigners } from '../../../src/policy/signing/allowed-signers.js';
import { approvalPayload, type PayloadFields } from '../../../src/policy/signing/approval-payload.js';
import { checkApprovalSignature } from '../../../src/policy/signing/approval-signature.js';
import { KEY_TYPES, makeKey, sshSign, sshVerify, type TestKey } from '../../support/ssh-keys.js';
import { tempDir } from '../../support/temp-project.js';

const entry = {
  fingerprint: '3f9c2a1b7d4e',
  policy: 'lb-ip-change',
  resource: 'production-aws/Service/shop/web',
  by: 'ops@example.com',
  reason: 'Move to the new static IP (OPS-123)',
  expires: '2026-12-31',
};
const now = new Date('2026-06-01T12:00:00Z');

let tmp: ReturnType<typeof tempDir>;
const keys = new Map<string, TestKey>();
let outsider: TestKey;

beforeAll(() => {
  tmp = tempDir('copperplate-approval-sig-');
  for (const t of KEY_TYPES) keys.set(t.name, makeKey(tmp.dir, t.name));
  outsider = makeKey(tmp.dir, 'ed25519', 'outsider');
});
afterAll(() => tmp.remove());

/** Our verdict, and ssh-keygen's on the same payload, signature and allowed-signers text. */
function verdicts(fields: PayloadFields & { by: string }, signature: string, allowed: string) {
  const { signers, diagnostics } = parseAllowedSigners('allowed_signers', allowed);
  expect(diagnostics).toEqual([]);
  const ours = checkApprovalSignature(fields, signature, signers, now);
  const theirs = sshVerify(tmp.dir, allowed, fields.by, signature, approvalPayload(fields), now);
  return { ours, theirs };
}

describe('approval signatures: each key type, checked by us and by ssh-keygen -Y verify', () => {
  it.each(KEY_TYPES.map((t) => [t.name] as const))('%s: a signed entry verifies, an edited one does not', (name) => {
    const key = keys.get(name)!;
    const allowed = `ops@example.com ${key.publicKey}\n`;
    const signature = sshSign(tmp.dir, key.private, approvalPayload(entry));
    const good = verdicts(entry, signature, allowed);
    expect(good.ours).toMatchObject({ valid: true });
    expect(good.theirs).toBe(true);
    for (const field of ['fingerprint', 'policy', 'resource', 'reason', 'expires'] as const) {
      const edited = { ...entry, [field]: `${entry[field]}x` };
      const bad = verdicts(edited, signature, allowed);
      expect(bad.ours, field).toMatchObject({ valid: false, reason: expect.stringMatching(/does not match/) });
      expect(bad.theirs, field).toBe(false);
    }
    const dropped = { ...entry, expires: undefined };
    expect(verdicts(dropped, signature, allowed)).toMatchObject({ ours: { valid: false }, theirs: false });
  });
});

describe('who may sign', () => {
  const cases: [string, (k: TestKey) => { allowed: string; by?: string; signWith?: () => TestKey; namespace?: string }, RegExp | undefined][] = [
    ['the listed principal', (k) => ({ allowed: `ops@example.com ${k.publicKey}` }), undefined],
    ['one of several principals', (k) => ({ allowed: `dev@example.com,ops@example.com ${k.publicKey}` }), undefined],
    ['a wildcard principal', (k) => ({ allowed: `*@example.com ${k.publicKey}` }), undefined],
    ['a key outside the file', (k) => ({ allowed: `ops@example.com ${k.publicKey}`, signWith: () => outsider }), /not in the allowed signers/],
    ['by is not the key’s principal', (k) => ({ allowed: `ops@example.com ${k.publicKey}\nmallory@example.com ${outsider.publicKey}`, by: 'mallory@example.com' }), /allowed for ops@example.com/],
    ['a signature for another namespace', (k) => ({ allowed: `ops@example.com ${k.publicKey}`, namespace: 'git' }), /namespace "git"/],
    ['namespaces= excludes approvals', (k) => ({ allowed: `ops@example.com namespaces="git,file" ${k.publicKey}` }), /may not sign in namespace/],
    ['namespaces= includes approvals', (k) => ({ allowed: `ops@example.com namespaces="git,copperplate-*" ${k.publicKey}` }), undefined],
    ['an expired valid-before', (k) => ({ allowed: `ops@example.com valid-before="20260101" ${k.publicKey}` }), /expired/],
    ['a valid-after still ahead', (k) => ({ allowed: `ops@example.com valid-after="20270101" ${k.publicKey}` }), /valid only after/],
    ['inside valid-after … valid-before', (k) => ({ allowed: `ops@example.com valid-after="20260101",valid-before="20270101" ${k.publicKey}` }), undefined],
  ];
  it.each(cases)('%s', (_name, make, refusal) => {
    const key = keys.get('ed25519')!;
    const c = make(key);
    const fields = { ...entry, by: c.by ?? entry.by };
    const signer = c.signWith?.() ?? key;
    const signature = sshSign(tmp.dir, signer.private, approvalPayload(fields), c.namespace);
    const { signers } = parseAllowedSigners('allowed_signers', c.allowed);
    const ours = checkApprovalSignature(fields, signature, signers, now);
    if (refusal) expect(ours).toMatchObject({ valid: false, reason: expect.stringMatching(refusal) });
    else expect(ours).toMatchObject({ valid: true });
    expect(sshVerify(tmp.dir, c.allowed, fields.by, signature, approvalPayload(fields), now)).toBe(refusal === undefined);
  });

  it('names the signing key when it is not allowed', () => {
    const signature = sshSign(tmp.dir, outsider.private, approvalPayload(entry));
    const { signers } = parseAllowedSigners('allowed_signers', `ops@example.com ${keys.get('ed25519')!.publicKey}`);
    const r = checkApprovalSignature(entry, signature, signers, now);
    expect(r).toMatchObject({ valid: false, key: expect.stringMatching(/^SHA256:/) });
  });
});

describe('approvalPayload', () => {
  it('is the documented bytes', () => {
    expect(approvalPayload(entry).toString('utf8')).toBe(
      [
        'copperplate-approval v1',
        'fingerprint: "3f9c2a1b7d4e"',
        'policy: "lb-ip-change"',
        'resource: "production-aws/Service/shop/web"',
        'by: "ops@example.com"',
        'reason: "Move to the new static IP (OPS-123)"',
        'expires: "2026-12-31"',
        '',
      ].join('\n'),
    );
    expect(approvalPayload({ policy: 'p', resource: 'r', by: 'b', reason: 'line 1\nline "2" ✓ \\' }).toString('utf8')).toBe(
      'copperplate-approval v1\nfingerprint: null\npolicy: "p"\nresource: "r"\nby: "b"\nreason: "line 1\\nline \\"2\\" ✓ \\\\"\nexpires: null\n',
    );
  });

  it('differs whenever a field differs (no two entries share bytes)', () => {
    const texts = ['', 'a', 'a\n', 'a"', 'null', '"a"', 'a\nby: "x"', '\u2028', '\ud800', '\u00e9', 'e\u0301'];
    const seen = new Map<string, string>();
    for (const field of ['fingerprint', 'policy', 'resource', 'by', 'reason', 'expires'] as const) {
      for (const value of [...texts, undefined]) {
        const fields: PayloadFields = { by: 'b', reason: 'r', [field]: value };
        const bytes = approvalPayload(fields).toString('hex');
        const id = JSON.stringify(fields);
        if (seen.has(bytes)) expect(seen.get(bytes)).toBe(id);
        seen.set(bytes, id);
      }
    }
  });
});
