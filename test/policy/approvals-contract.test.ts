import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { applyApprovals, approvalPayload, parseAllowedSigners, parseApprovals, type Approval } from '../../src/policy/index.js';
import { makeKey, sshSign, type TestKey } from '../support/ssh-keys.js';
import { tempDir } from '../support/temp-project.js';

// What approvals.yaml promises its users, case by case: which entries count, which are refused,
// and that every problem names the entry it is about (a reviewer must find it in the file).

const finding = (over: Partial<Finding>): Finding => ({
  policy: 'no-latest-tag',
  severity: 'error',
  message: 'm',
  formation: 'staging',
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
  path: 'spec',
  ...over,
});

const parse = (text: string) => parseApprovals('approvals.yaml', text);

describe('parseApprovals: each refused entry is left out, with one diagnostic at its place', () => {
  it.each<[string, string, [number, number], RegExp]>([
    ['empty by', '- fingerprint: 3f9c2a1b7d4e\n  by: ""\n  reason: r\n', [2, 7], /\bby\b/],
    ['blank reason', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: "  "\n', [3, 11], /\breason\b/],
    ['null reason', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason:\n', [3, 10], /\breason\b/],
    ['missing by', '- fingerprint: 3f9c2a1b7d4e\n  reason: r\n', [1, 3], /\bby\b/],
    ['missing reason', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n', [1, 3], /\breason\b/],
    ['unknown key', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: r\n  approver: x\n', [4, 3], /\bapprover\b/],
    ['bad fingerprint', '- fingerprint: 3F9C2A1B7D4E\n  by: a\n  reason: r\n', [1, 16], /3F9C2A1B7D4E/],
    ['waiver without policy', '- resource: s/Pod/x\n  by: a\n  reason: r\n  expires: 2030-01-01\n', [1, 3], /\bpolicy\b/],
    ['waiver without resource', '- policy: p\n  by: a\n  reason: r\n  expires: 2030-01-01\n', [1, 3], /\bresource\b/],
    ['waiver without expires', '- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n', [1, 3], /expires/],
    ['impossible date', '- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: 2027-02-30\n', [5, 12], /2027-02-30/],
    ['not a date', '- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: soon\n', [5, 12], /soon/],
    ['a list as reason', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: [x]\n', [3, 11], /\breason\b/],
    ['a mapping as key', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: r\n  ? [k]\n  : v\n', [4, 5], /unknown key/],
  ])('%s', (_name, text, [line, column], names) => {
    const { approvals, diagnostics } = parse(text);
    expect(approvals).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['APPROVAL_INVALID', 'error', line, column]]);
    expect(diagnostics[0]?.message).toMatch(names);
  });

  it.each<[string, string, number, RegExp]>([
    ['a mapping', 'fingerprint: 3f9c2a1b7d4e\n', 1, /list/],
    ['a scalar', 'just text\n', 1, /list/],
    ['a list of scalars', '- 3f9c2a1b7d4e\n', 3, /mapping/],
  ])('a file that is %s is refused as a whole', (_name, text, column, says) => {
    const { approvals, diagnostics } = parse(text);
    expect(approvals).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['APPROVAL_INVALID', 1, column]]);
    expect(diagnostics[0]?.message).toMatch(says);
  });

  it.each([
    ['an empty file', ''],
    ['a comment only', '# nobody has signed anything yet\n'],
    ['an empty document', '---\n'],
    ['null', 'null\n'],
    ['~', '~\n'],
    ['an empty list', '[]\n'],
    ['two empty documents', '---\n---\n'],
  ])('%s holds no approvals and is no problem', (_name, text) => {
    expect(parse(text)).toEqual({ approvals: [], diagnostics: [] });
  });

  it.each<[string, string, [number, number, number?, number?]]>([
    ['a bad fingerprint: the value', '- fingerprint: 3F9C2A1B7D4E\n  by: a\n  reason: r\n', [1, 16, 1, 28]],
    ['an unknown key: the key', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: r\n  approver: x\n', [4, 3, 4, 11]],
    ['a missing by: the entry', '- fingerprint: 3f9c2a1b7d4e\n  reason: r\n', [1, 3, 2, 12]],
    ['an impossible date: the value', '- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: "2027-02-30"\n', [5, 12, 5, 24]],
    ['an empty value: its place, no span', '- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason:\n', [3, 10]],
  ])('the span of %s', (_name, text, [line, column, endLine, endColumn]) => {
    const [d] = parse(text).diagnostics;
    expect([d?.line, d?.column, d?.endLine, d?.endColumn]).toEqual([line, column, endLine, endColumn]);
  });

  it('names a complex key as what it is not', () => {
    expect(parse('- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: r\n  ? [k]\n  : v\n').diagnostics[0]?.message).toMatch(/unknown key ``$/);
  });

  it('an empty value that is present is reported once, not also as missing', () => {
    const { diagnostics } = parse('- policy: ""\n  resource: ""\n  by: a\n  reason: r\n  expires: ""\n');
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([
      [1, 11],
      [2, 13],
      [5, 12],
    ]);
  });

  it('says how to fix what it can: the allowed keys, a fingerprint from the report, an expiry for waivers', () => {
    // the guidance is the schema's description of the key, in the message or the hint
    const hints = (text: string) => parse(text).diagnostics.map((d) => `${d.message} | ${d.hint ?? ''}`);
    expect(hints('- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: r\n  who: x\n')[0]).toContain('fingerprint, policy, resource, by, reason, expires');
    expect(hints('- fingerprint: nope\n  by: a\n  reason: r\n')[0]).toMatch(/copperplate approve/);
    expect(hints('- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n')[0]).toMatch(/\| YYYY-MM-DD.*waivers must end/);
    expect(hints('- fingerprint: 3f9c2a1b7d4e\n')).toEqual([expect.stringMatching(/`by` \| .*who approved it and why/), expect.stringMatching(/`reason` \| .*who approved it and why/)]);
  });

  it('keeps every field of a valid entry, trimmed, with plain numbers-as-text intact', () => {
    const { approvals, diagnostics } = parse(
      '- fingerprint: 123456789012\n  policy: " lb-ip-change "\n  resource: prod/Service/shop/web\n  by: ops\n  reason: "  why  "\n  expires: 2030-01-01\n',
    );
    expect(diagnostics).toEqual([]);
    expect(approvals).toEqual([
      {
        kind: 'signoff',
        fingerprint: '123456789012',
        policy: 'lb-ip-change',
        resource: 'prod/Service/shop/web',
        by: 'ops',
        reason: 'why',
        expires: '2030-01-01',
        location: expect.objectContaining({ file: 'approvals.yaml', line: 1, column: 3 }),
        expiresLocation: expect.objectContaining({ file: 'approvals.yaml', line: 6, column: 12 }),
      },
    ]);
  });

  it.each([
    ['2030-01-01', Date.UTC(2030, 0, 2)],
    ['2028-02-29', Date.UTC(2028, 2, 1)],
    ['2030-01-01T10:00:00Z', Date.UTC(2030, 0, 1, 10)],
    ['2030-01-01 10:00', Date.parse('2030-01-01 10:00')],
    ['2030-01-01T10:00:00+02:00', Date.UTC(2030, 0, 1, 8)],
  ])('expiry %s ends at the right instant', (expires, end) => {
    const { approvals } = parse(`- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: "${expires}"\n`);
    const waiver = finding({ policy: 'p', formation: 's', resource: { apiVersion: 'v1', kind: 'Pod', name: 'x' } });
    expect(applyApprovals([waiver], approvals, { now: new Date(end - 1) }).findings[0]?.approved).toBe(true);
    expect(applyApprovals([waiver], approvals, { now: new Date(end) }).findings[0]?.approved).toBeUndefined();
  });

  it.each(['2027-13-01', '2027-00-10', '2029-02-29', '27-01-01', '2027-01-01T25:00', 'tomorrow'])('refuses the expiry %s', (expires) => {
    const { approvals, diagnostics } = parse(`- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: "${expires}"\n`);
    expect(approvals).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['APPROVAL_INVALID']);
  });
});

describe('applyApprovals: what counts, and what each warning names', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  // Parsed inside each test (not at collection time) so a mutation run knows which test covers what.
  const entries = () => parse(
    [
      '- fingerprint: aaaaaaaaaaaa', // sign-off by fingerprint alone
      '  by: ops',
      '  reason: r1',
      '- fingerprint: bbbbbbbbbbbb', // sign-off that also names policy and resource
      '  policy: lb-ip-change',
      '  resource: prod/Service/shop/web',
      '  by: ops',
      '  reason: r2',
      '- policy: no-latest-tag',
      '  resource: staging/Deployment/shop/web',
      '  by: lead',
      '  reason: r3',
      '  expires: 2027-01-31',
      '- policy: no-latest-tag',
      '  resource: staging/Deployment/shop/old',
      '  by: lead',
      '  reason: r4',
      '  expires: 2026-01-31',
      '',
    ].join('\n'),
  ).approvals as [Approval, Approval, Approval, Approval];
  const service = { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' };

  it('a sign-off by fingerprint alone covers that fingerprint wherever it is', () => {
    const [signoffOnly] = entries();
    const f = finding({ policy: 'x', severity: 'signoff', formation: 'any', fingerprint: 'aaaaaaaaaaaa' });
    const r = applyApprovals([f], [signoffOnly], { now });
    expect(r.findings[0]).toMatchObject({ approved: true, approvedBy: 'ops', approvalReason: 'r1' });
    expect(r.entries.map((e) => [e.status, e.covers])).toEqual([['counted', 1]]);
    expect(r.diagnostics).toEqual([]);
  });

  it.each<[string, Partial<Finding>, boolean]>([
    ['same change', {}, true],
    ['other policy', { policy: 'other' }, false],
    ['other formation', { formation: 'prod-eu' }, false],
    ['other name', { resource: { ...service, name: 'api' } }, false],
    ['other fingerprint', { fingerprint: 'cccccccccccc' }, false],
    ['no fingerprint', { message: 'no fingerprint' }, false],
  ])('a scoped sign-off: %s → %s', (_name, over, approved) => {
    const [, signoffScoped] = entries();
    const f = finding({ policy: 'lb-ip-change', severity: 'signoff', formation: 'prod', resource: service, fingerprint: 'bbbbbbbbbbbb', ...over });
    if (over.message === 'no fingerprint') delete f.fingerprint;
    expect(applyApprovals([f], [signoffScoped], { now }).findings[0]?.approved).toBe(approved);
  });

  it.each<[string, Partial<Finding>, boolean]>([
    ['same policy and resource', {}, true],
    ['other policy', { policy: 'other' }, false],
    ['other resource', { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' } }, false],
    ['other formation', { formation: 'prod' }, false],
  ])('a waiver: %s → %s', (_name, over, approved) => {
    const [, , waiver] = entries();
    const r = applyApprovals([finding(over)], [waiver], { now });
    expect(r.findings[0]?.approved).toBe(approved ? true : undefined);
  });

  it('a waiver must name both policy and resource to cover anything', () => {
    const [, , waiver] = entries();
    const { resource: _r, ...noResource } = waiver;
    const { policy: _p, ...noPolicy } = waiver;
    for (const a of [noResource, noPolicy]) expect(applyApprovals([finding({})], [a], { now }).findings[0]?.approved).toBeUndefined();
  });

  it('a sign-off entry without a fingerprint never covers a finding without one', () => {
    const [signoffOnly] = entries();
    const { fingerprint: _, ...bare } = signoffOnly;
    const f = finding({ severity: 'signoff' });
    expect(applyApprovals([f], [bare as Approval], { now }).findings[0]?.approved).toBe(false);
  });

  it('open sign-offs say approved: false; other findings stay as they were', () => {
    const r = applyApprovals([finding({ severity: 'signoff', fingerprint: 'dddddddddddd' }), finding({ severity: 'warning' })], [], { now });
    expect(r.findings.map((f) => f.approved)).toEqual([false, undefined]);
    expect('approved' in (r.findings[1] ?? {})).toBe(false);
  });

  it('warnings name the entry: the fingerprint of a sign-off, the policy and resource of a waiver, the expiry date', () => {
    const [signoffOnly, , waiver, expired] = entries();
    const r = applyApprovals([], [signoffOnly, waiver, expired], { now });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['APPROVAL_EXPIRED', 'warning', 14],
      ['APPROVAL_UNUSED', 'warning', 1],
      ['APPROVAL_UNUSED', 'warning', 9],
    ]);
    const [exp, unusedSignoff, unusedWaiver] = r.diagnostics;
    expect(exp?.message).toContain('no-latest-tag');
    expect(exp?.message).toContain('staging/Deployment/shop/old');
    expect(exp?.message).toContain('2026-01-31');
    expect(unusedSignoff?.message).toContain('aaaaaaaaaaaa');
    expect(unusedWaiver?.message).toContain('no-latest-tag');
    expect(unusedWaiver?.message).toContain('staging/Deployment/shop/web');
    for (const d of r.diagnostics) expect(d.hint).toMatch(/remove/);
    expect(r.entries.map((e) => e.status)).toEqual(['unused', 'unused', 'expired']);
  });

  it('an expired entry covers nothing even when it matches', () => {
    const [, , , expired] = entries();
    const f = finding({ resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'old' } });
    expect(applyApprovals([f], [expired], { now }).findings[0]?.approved).toBeUndefined();
  });

  it('entries about formations the run did not check are skipped, not unused; entries without a resource still count as unused', () => {
    const [signoffOnly, signoffScoped, waiver] = entries();
    const r = applyApprovals([], [signoffOnly, signoffScoped, waiver], { now, formations: ['staging'] });
    expect(r.entries.map((e) => e.status)).toEqual(['unused', 'skipped', 'unused']);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['APPROVAL_UNUSED', 1],
      ['APPROVAL_UNUSED', 9],
    ]);
  });

  it('one entry may cover several findings, and counts them', () => {
    const [, , waiver] = entries();
    const r = applyApprovals([finding({ path: 'a' }), finding({ path: 'b' })], [waiver], { now });
    expect(r.findings.map((f) => f.approved)).toEqual([true, true]);
    expect(r.entries[0]?.covers).toBe(2);
  });
});

describe('applyApprovals with approvalSigning: what a refused signature says', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const entry = { fingerprint: '3f9c2a1b7d4e', by: 'ops@example.com', reason: 'new IP' };
  const f = finding({ policy: 'lb-ip-change', severity: 'signoff', formation: 'prod', fingerprint: '3f9c2a1b7d4e' });
  let tmp: ReturnType<typeof tempDir>;
  let ops: TestKey;
  let outsider: TestKey;
  beforeAll(() => {
    tmp = tempDir('copperplate-approvals-contract-');
    ops = makeKey(tmp.dir, 'ed25519', 'ops');
    outsider = makeKey(tmp.dir, 'ed25519', 'outsider');
  });
  afterAll(() => tmp.remove());
  const signing = (require: boolean) => ({ signers: parseAllowedSigners('allowed_signers', `ops@example.com ${ops.publicKey}\n`).signers, require });
  const approval = (signature?: string): Approval => ({ kind: 'signoff', ...entry, ...(signature ? { signature } : {}), location: { file: 'approvals.yaml', line: 4, column: 3 } });

  it('a good signature counts and names its signer', () => {
    const r = applyApprovals([f], [approval(sshSign(tmp.dir, ops.private, approvalPayload(entry)))], { now, signing: signing(true) });
    expect(r.findings[0]?.approved).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.entries[0]?.signature).toMatchObject({ state: 'verified', principals: 'ops@example.com' });
  });

  it('a key outside the allowed signers: bad-signature naming who and the key', () => {
    const r = applyApprovals([f], [approval(sshSign(tmp.dir, outsider.private, approvalPayload(entry)))], { now, signing: signing(false) });
    expect(r.findings[0]?.approved).toBe(false);
    expect(r.entries.map((e) => [e.status, e.signature.state])).toEqual([['bad-signature', 'bad']]);
    const sig = r.entries[0]?.signature;
    expect(sig?.state === 'bad' && sig.key).toMatch(/^SHA256:/);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['APPROVAL_BAD_SIGNATURE', 'warning', 4]]);
    expect(r.diagnostics[0]?.message).toContain('3f9c2a1b7d4e');
    expect(r.diagnostics[0]?.message).toContain('ops@example.com');
    expect(r.diagnostics[0]?.message).toContain('not in the allowed signers');
    expect(r.diagnostics[0]?.hint).toContain('--sign');
  });

  it('an unreadable signature is bad without a key', () => {
    const r = applyApprovals([f], [approval('not a signature')], { now, signing: signing(false) });
    expect(r.entries[0]?.signature).toEqual({ state: 'bad', reason: expect.any(String) });
  });

  it('unsigned with require: does not count, and the hint is the command that signs it', () => {
    const r = applyApprovals([f], [approval()], { now, signing: signing(true) });
    expect(r.findings[0]?.approved).toBe(false);
    expect(r.entries.map((e) => e.status)).toEqual(['unsigned']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['APPROVAL_UNSIGNED']);
    expect(r.diagnostics[0]?.message).toContain('ops@example.com');
    expect(r.diagnostics[0]?.message).toContain('require');
    expect(r.diagnostics[0]?.hint).toBe('sign it: copperplate approve 3f9c2a1b7d4e --by ops@example.com --reason … --sign KEY');
    const { fingerprint: _, ...waiverLike } = approval();
    expect(applyApprovals([], [{ ...waiverLike, kind: 'waiver', policy: 'p', resource: 'r' }], { now, signing: signing(true) }).diagnostics[0]?.hint).toContain('approve FINGERPRINT');
  });

  it('unsigned without require counts', () => {
    expect(applyApprovals([f], [approval()], { now, signing: signing(false) }).findings[0]?.approved).toBe(true);
  });

  it('signed but no approvalSigning: counts, with a warning that nobody checked it', () => {
    const r = applyApprovals([f], [approval(sshSign(tmp.dir, outsider.private, approvalPayload(entry)))], { now });
    expect(r.findings[0]?.approved).toBe(true);
    expect(r.entries[0]?.signature).toEqual({ state: 'unchecked' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['APPROVAL_SIGNATURE_UNCHECKED']);
    expect(r.diagnostics[0]?.message).toContain('3f9c2a1b7d4e');
    expect(r.diagnostics[0]?.hint).toContain('approvalSigning');
  });
});

describe('applyApprovals: waivers the rules refuse (SPEC §5.4) are errors at the entry and cover nothing', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const service = { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' };
  const ipChange = finding({ policy: 'lb-ip-change', severity: 'signoff', formation: 'prod', resource: service, path: 'spec.loadBalancerIP', fingerprint: '3f9c2a1b7d4e' });
  const waiverOf = (policy: string, expires: string, resource = 'prod/Service/shop/web') =>
    parse(['# approvals', `- policy: ${policy}`, `  resource: ${resource}`, '  by: lead', '  reason: r', `  expires: ${expires}`, ''].join('\n')).approvals;

  it('a waiver never covers a sign-off finding, whatever its expiry: APPROVAL_INVALID at the entry, the sign-off stays open', () => {
    const r = applyApprovals([ipChange], waiverOf('lb-ip-change', '2026-12-31'), { now });
    expect(r.findings[0]?.approved).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['APPROVAL_INVALID', 'error', 'approvals.yaml', 2, 3]]);
    expect(r.diagnostics[0]?.message).toContain('lb-ip-change');
    expect(r.diagnostics[0]?.hint).toContain('copperplate approve 3f9c2a1b7d4e');
    expect(r.entries.map((e) => [e.status, e.covers])).toEqual([['invalid', 0]]);
  });

  it('a sign-off finding of a policy that also reports errors is not covered; its errors would be, were the waiver allowed', () => {
    const error = finding({ ...ipChange, severity: 'error', path: 'spec.type' });
    delete error.fingerprint;
    const r = applyApprovals([error, ipChange], waiverOf('lb-ip-change', '2026-12-31'), { now });
    expect(r.findings.map((f) => f.approved)).toEqual([undefined, false]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['APPROVAL_INVALID']);
    // without the sign-off finding (and not declared a sign-off policy) the same waiver counts
    expect(applyApprovals([error], waiverOf('lb-ip-change', '2026-12-31'), { now }).findings[0]?.approved).toBe(true);
  });

  it('a waiver of a sign-off policy is refused while no change is open, before the next change it would wave through', () => {
    const r = applyApprovals([], waiverOf('lb-ip-change', '9999-12-31'), { now, signoffPolicies: ['lb-ip-change'] });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['APPROVAL_INVALID', 'error', 2, 3]]);
    expect(r.diagnostics[0]?.hint).toContain('approve FINGERPRINT');
    expect(r.entries[0]?.status).toBe('invalid');
    // one diagnostic per entry, not also for the expiry (its own problem once it is a waiver of something else)
    expect(applyApprovals([ipChange], waiverOf('lb-ip-change', '9999-12-31'), { now, maxWaiverDays: 90, signoffPolicies: ['lb-ip-change'] }).diagnostics).toHaveLength(1);
  });

  it('the hint names every open change of the waived policy, each once', () => {
    const portChange = finding({ ...ipChange, path: 'spec.ports[0].port', fingerprint: '0a1b2c3d4e5f' });
    const r = applyApprovals([ipChange, portChange, ipChange], waiverOf('lb-ip-change', '2026-12-31'), { now });
    expect(r.diagnostics[0]?.hint).toContain('copperplate approve 3f9c2a1b7d4e, 0a1b2c3d4e5f --by');
  });

  it('a waiver on another resource than the sign-off is not about it', () => {
    const r = applyApprovals([ipChange], waiverOf('lb-ip-change', '2026-12-31', 'prod/Service/shop/api'), { now });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['APPROVAL_UNUSED']);
    expect(r.findings[0]?.approved).toBe(false);
  });

  it('a fingerprinted sign-off next to a refused waiver still approves its change', () => {
    const signoff = parse('- fingerprint: 3f9c2a1b7d4e\n  by: ops\n  reason: r\n').approvals;
    const r = applyApprovals([ipChange], [...signoff, ...waiverOf('lb-ip-change', '2026-12-31')], { now });
    expect(r.findings[0]).toMatchObject({ approved: true, approvedBy: 'ops' });
    expect(r.entries.map((e) => e.status)).toEqual(['counted', 'invalid']);
  });

  // today 2026-11-30: with maxWaiverDays 90 the last allowed day is 2027-02-28
  it.each<[string, number, string, boolean]>([
    ['the last allowed day', 90, '2027-02-28', true],
    ['the day after', 90, '2027-03-01', false],
    ['a date-time on the last day', 90, '"2027-02-28T23:59:59Z"', true],
    ['a date-time just after it', 90, '"2027-03-01T00:00:01Z"', false],
    ['the far future', 90, '9999-12-31', false],
    ['today with maxWaiverDays 0', 0, '2026-11-30', true],
    ['tomorrow with maxWaiverDays 0', 0, '2026-12-01', false],
    ['a year with maxWaiverDays 366', 366, '2027-11-30', true],
  ])('maxWaiverDays: %s (%i days, %s) → allowed %s', (_name, maxWaiverDays, expires, allowed) => {
    const r = applyApprovals([finding({})], waiverOf('no-latest-tag', expires, 'staging/Deployment/shop/web'), { now, maxWaiverDays });
    expect(r.findings[0]?.approved).toBe(allowed ? true : undefined);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual(allowed ? [] : [['APPROVAL_INVALID', 'error', 6, 12]]);
  });

  it('names the limit and the last allowed day; without maxWaiverDays any expiry counts; sign-offs may expire any time', () => {
    const [d] = applyApprovals([finding({})], waiverOf('no-latest-tag', '2030-01-01', 'staging/Deployment/shop/web'), { now, maxWaiverDays: 90 }).diagnostics;
    expect(d?.message).toContain('maxWaiverDays (90)');
    expect(d?.message).toContain('2030-01-01');
    // the last allowed day as the date to write, not a date-time
    expect(d?.hint).toMatch(/\b2027-02-28\b(?!T)/);
    expect(applyApprovals([finding({})], waiverOf('no-latest-tag', '2030-01-01', 'staging/Deployment/shop/web'), { now }).findings[0]?.approved).toBe(true);
    const signoff = parse('- fingerprint: 3f9c2a1b7d4e\n  by: ops\n  reason: r\n  expires: 9999-12-31\n').approvals;
    expect(applyApprovals([ipChange], signoff, { now, maxWaiverDays: 90 }).findings[0]?.approved).toBe(true);
  });
});
