import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { appendApproval, applyApprovals, parseApprovals, type Approval } from '../../src/policy/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/policy-approvals/${name}`, import.meta.url), 'utf8');

const finding = (over: Partial<Finding>): Finding => ({
  policy: 'no-latest-tag',
  severity: 'error',
  message: 'm',
  formation: 'staging',
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'debug-shell' },
  path: 'spec',
  ...over,
});

describe('parseApprovals', () => {
  it('reads sign-offs and waivers with their positions', () => {
    const { approvals, diagnostics } = parseApprovals('approvals.yaml', fixture('approvals.yaml'));
    expect(diagnostics).toEqual([]);
    expect(approvals.map((a) => [a.kind, a.fingerprint, a.policy, a.resource, a.expires, a.location.line, a.location.column])).toEqual([
      ['signoff', '3f9c2a1b7d4e', 'lb-ip-change', 'prod/Service/shop/web', undefined, 2, 3],
      ['waiver', undefined, 'no-latest-tag', 'staging/Deployment/shop/debug-shell', '2027-01-31', 7, 3],
      ['waiver', undefined, 'no-latest-tag', 'staging/Deployment/shop/old', '2026-01-31', 12, 3],
      ['signoff', 'aaaaaaaaaaaa', undefined, undefined, undefined, 17, 3],
      ['waiver', undefined, 'privileged', 'other/ClusterRole/admin', '2027-01-31', 20, 3],
    ]);
    expect(approvals[0]).toMatchObject({ by: 'ops@example.com', reason: 'Move to the new static IP (OPS-123)' });
  });

  it('reports every invalid entry at its line and column and keeps the valid ones', () => {
    const { approvals, diagnostics } = parseApprovals('approvals.yaml', fixture('invalid.yaml'));
    expect(diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ['APPROVAL_INVALID', 'error', 'approvals.yaml', 1, 3], // missing by
      ['APPROVAL_INVALID', 'error', 'approvals.yaml', 3, 3], // waiver without expires
      ['APPROVAL_INVALID', 'error', 'approvals.yaml', 7, 16], // bad fingerprint
      ['APPROVAL_INVALID', 'error', 'approvals.yaml', 13, 12], // bad date
      ['APPROVAL_INVALID', 'error', 'approvals.yaml', 17, 3], // unknown key
      ['APPROVAL_INVALID', 'error', 'approvals.yaml', 18, 3], // not a mapping
    ]);
    expect(approvals.map((a) => [a.fingerprint, a.expires])).toEqual([['123456789012', '2026-12-31T12:00:00Z']]);
  });

  it.each([
    ['', 0],
    ['# nothing approved yet\n', 0],
    ['[]\n', 0],
  ])('accepts an empty file %j', (text, count) => {
    const { approvals, diagnostics } = parseApprovals('approvals.yaml', text);
    expect(diagnostics).toEqual([]);
    expect(approvals).toHaveLength(count);
  });

  it('rejects a file that is not a list, and YAML errors', () => {
    expect(parseApprovals('a.yaml', 'fingerprint: 3f9c2a1b7d4e\n').diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['APPROVAL_INVALID', 1, 1]]);
    expect(parseApprovals('a.yaml', '- by: [x\n').diagnostics.map((d) => d.code)).toContain('YAML_SYNTAX');
  });
});

describe('applyApprovals', () => {
  // Parsed per test, not at collection time, so a mutation run knows which test covers what.
  let approvals: Approval[];
  beforeEach(() => {
    approvals = parseApprovals('approvals.yaml', fixture('approvals.yaml')).approvals;
  });
  const signoff = finding({
    policy: 'lb-ip-change',
    severity: 'signoff',
    formation: 'prod',
    resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
    fingerprint: '3f9c2a1b7d4e',
  });
  const now = new Date('2026-11-23T12:00:00Z');

  it('approves sign-offs by fingerprint and waives by policy + resource, reporting expired and unused entries', () => {
    const input = [
      signoff,
      finding({}),
      finding({ resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'old' } }),
      finding({ policy: 'other' }),
    ];
    const { findings, diagnostics } = applyApprovals(input, approvals, { now });
    expect(findings.map((f) => [f.policy, f.resource.name, f.approved, f.approvedBy, f.approvalReason])).toEqual([
      ['lb-ip-change', 'web', true, 'ops@example.com', 'Move to the new static IP (OPS-123)'],
      ['no-latest-tag', 'debug-shell', true, 'lead@example.com', 'debug image, staging only'],
      ['no-latest-tag', 'old', undefined, undefined, undefined],
      ['other', 'debug-shell', undefined, undefined, undefined],
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['APPROVAL_EXPIRED', 'warning', 12],
      ['APPROVAL_UNUSED', 'warning', 17],
      ['APPROVAL_UNUSED', 'warning', 20],
    ]);
    expect(input[0]?.approved).toBeUndefined();
  });

  it('does not approve a changed value (another fingerprint) and marks open sign-offs', () => {
    const { findings } = applyApprovals([{ ...signoff, fingerprint: '000000000000' }], approvals, { now });
    expect(findings[0]?.approved).toBe(false);
  });

  it('needs policy and resource of a sign-off entry to match when given', () => {
    const { findings } = applyApprovals([{ ...signoff, formation: 'prod-eu' }], approvals, { now });
    expect(findings[0]?.approved).toBe(false);
  });

  it('counts an approval through the day it expires, UTC', () => {
    const waiver = finding({});
    const lastDay = applyApprovals([waiver], approvals, { now: new Date('2027-01-31T23:59:59Z') });
    expect(lastDay.findings[0]?.approved).toBe(true);
    const after = applyApprovals([waiver], approvals, { now: new Date('2027-02-01T00:00:00Z') });
    expect(after.findings[0]?.approved).toBeUndefined();
    expect(after.diagnostics.filter((d) => d.code === 'APPROVAL_EXPIRED').map((d) => d.line)).toEqual([7, 12, 20]);
  });

  it('leaves entries of formations the run did not check out of the unused report', () => {
    const { diagnostics } = applyApprovals([signoff], approvals, { now, formations: ['prod', 'staging'] });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['APPROVAL_EXPIRED', 12],
      ['APPROVAL_UNUSED', 7],
      ['APPROVAL_UNUSED', 17],
    ]);
  });

  it('matches resources without namespace and findings without formation', () => {
    const text = appendApproval(undefined, { policy: 'p', resource: 'ClusterRole/admin', by: 'a', reason: 'r', expires: '2030-01-01' });
    const parsed = parseApprovals('a.yaml', text);
    const f = finding({ policy: 'p', resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin' } });
    delete f.formation;
    expect(applyApprovals([f], parsed.approvals, { now }).findings[0]?.approved).toBe(true);
  });
});

describe('appendApproval', () => {
  const entry = {
    fingerprint: '123456789e12',
    policy: 'lb-ip-change',
    resource: 'prod/Service/shop/web',
    by: 'ops@example.com',
    reason: 'yes: "quoted" # not a comment',
    expires: '2026-12-31',
  };

  it('keeps the existing text byte for byte and appends an entry that reads back the same', () => {
    const before = fixture('approvals.yaml');
    const after = appendApproval(before, entry);
    expect(after.startsWith(before)).toBe(true);
    const { approvals, diagnostics } = parseApprovals('approvals.yaml', after);
    expect(diagnostics).toEqual([]);
    expect(approvals).toHaveLength(6);
    expect(approvals[5]).toMatchObject({ ...entry, kind: 'signoff', location: { line: 25, column: 3 } });
  });

  it.each([
    ['no file', undefined],
    ['empty file', ''],
    ['only a comment, no newline', '# approvals'],
    ['indented list', '  - policy: a\n    resource: s/Pod/x\n    by: b\n    reason: c\n    expires: 2030-01-01\n'],
    ['flow list', '[]\n'],
    ['CRLF', '# c\r\n- fingerprint: 3f9c2a1b7d4e\r\n  by: a\r\n  reason: b\r\n'],
  ])('%s', (_name, before) => {
    const after = appendApproval(before, entry);
    if (before !== undefined && before !== '[]\n') expect(after.startsWith(before)).toBe(true);
    const { approvals, diagnostics } = parseApprovals('approvals.yaml', after);
    expect(diagnostics).toEqual([]);
    expect(approvals.at(-1)).toMatchObject(entry);
  });

  it('writes a waiver without fingerprint', () => {
    const text = appendApproval(undefined, { policy: 'no-latest-tag', resource: 'staging/Deployment/shop/x', by: 'a', reason: 'b', expires: '2027-01-01' });
    expect(text).toBe('- policy: no-latest-tag\n  resource: staging/Deployment/shop/x\n  by: a\n  reason: b\n  expires: "2027-01-01"\n');
  });
});
