import { describe, expect, it } from 'vitest';
import { applyApprovals, parseApprovals, type Approval } from '../../src/policy/index.js';

// What each approval warning says beyond naming its entry, and the signature state a refused
// signature leaves in the library's answer.

const now = new Date('2026-11-30T12:00:00Z');
const signed = (): Approval[] =>
  parseApprovals('approvals.yaml', '- fingerprint: aaaaaaaaaaaa\n  by: ops\n  reason: r\n  signature: not a signature\n').approvals;

describe('approval warnings say what is wrong, not only which entry', () => {
  it('an unused entry: it matches no finding', () => {
    const [d] = applyApprovals([], parseApprovals('approvals.yaml', '- fingerprint: aaaaaaaaaaaa\n  by: ops\n  reason: r\n').approvals, { now }).diagnostics;
    expect(d?.code).toBe('APPROVAL_UNUSED');
    expect(d?.message).toMatch(/^sign-off aaaaaaaaaaaa \S/);
    expect(d?.message).toContain('no finding');
  });

  it('a signature nobody checks: it says that approvalSigning is missing', () => {
    const d = applyApprovals([], signed(), { now }).diagnostics.find((x) => x.code === 'APPROVAL_SIGNATURE_UNCHECKED');
    expect(d?.message).toMatch(/^sign-off aaaaaaaaaaaa \S/);
    expect(d?.message).toContain('approvalSigning');
    expect(d?.hint).toContain('approvalSigning');
  });

  it('an unreadable signature is bad, with a reason and no key at all', () => {
    const r = applyApprovals([], signed(), { now, signing: { signers: [], require: false } });
    expect(r.entries[0]?.signature).toStrictEqual({ state: 'bad', reason: expect.any(String) });
    expect(r.entries[0]?.signature).not.toHaveProperty('key');
  });
});
