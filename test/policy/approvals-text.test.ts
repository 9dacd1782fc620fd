import { describe, expect, it } from 'vitest';
import { expiryTime, parseApprovals } from '../../src/policy/index.js';

// What counts as text and as a date in approvals.yaml. A fingerprint like 000000000001 is what
// the YAML core schema reads as the number 1; a sign-off must still name that exact change.

const parse = (text: string) => parseApprovals('approvals.yaml', text);
const signoff = (field: string) => `- fingerprint: 3f9c2a1b7d4e\n  by: a\n  reason: r\n${field}`;

describe('every field is the text as written, whatever YAML would make of it', () => {
  it.each([
    ['000000000001', '000000000001'],
    ['0000000001e5', '0000000001e5'],
    ['!!int "000000000001"', '000000000001'],
    ['!!int 000000000001', '000000000001'],
    ['"000000000001"', '000000000001'],
    ["'000000000001'", '000000000001'],
  ])('fingerprint: %s is the sign-off of %s', (written, fingerprint) => {
    const { approvals, diagnostics } = parse(`- fingerprint: ${written}\n  by: a\n  reason: r\n`);
    expect(diagnostics).toEqual([]);
    expect(approvals.map((a) => [a.kind, a.fingerprint])).toEqual([['signoff', fingerprint]]);
  });

  it.each([
    ['0x1F', '0x1F'],
    ['1.50', '1.50'],
    ['true', 'true'],
    ['.inf', '.inf'],
    ['"tab\\there"', 'tab\there'],
    ['|\n    line one\n    line two\n', 'line one\nline two'],
    ['>\n    folded\n    text\n', 'folded text'],
  ])('by: %s is the text %j', (written, by) => {
    const { approvals, diagnostics } = parse(`- fingerprint: 3f9c2a1b7d4e\n  reason: r\n  by: ${written}\n`);
    expect(diagnostics).toEqual([]);
    expect(approvals[0]?.by).toBe(by);
  });

  it.each(['null', '~', 'Null', 'NULL'])('by: %s is no text: refused at the value', (written) => {
    const { approvals, diagnostics } = parse(`- fingerprint: 3f9c2a1b7d4e\n  reason: r\n  by: ${written}\n`);
    expect(approvals).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['APPROVAL_INVALID', 3, 7]]);
  });
});

it('keeps a signature, a block of text, without its surrounding blank', () => {
  const armored = '-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----';
  const { approvals, diagnostics } = parse(signoff(`  signature: |\n    ${armored.replaceAll('\n', '\n    ')}\n`));
  expect(diagnostics).toEqual([]);
  expect(approvals[0]?.signature).toBe(armored);
  expect(parse(signoff('')).approvals[0]).not.toHaveProperty('signature');
});

describe('a sign-off with an empty fingerprint is one problem, not also a waiver missing its fields', () => {
  it.each([
    ['""', [1, 16]],
    ['', [1, 16]],
    ['~', [1, 16]],
  ])('fingerprint: %s', (written, [line, column]) => {
    const { approvals, diagnostics } = parse(`- fingerprint: ${written}\n  by: a\n  reason: r\n`);
    expect(approvals).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['APPROVAL_INVALID', line, column]]);
  });

  it('an entry whose keys are all written but empty gets one diagnostic per key', () => {
    const { diagnostics } = parse('- fingerprint: ""\n  by: ""\n  reason: ""\n');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['APPROVAL_INVALID', 1],
      ['APPROVAL_INVALID', 2],
      ['APPROVAL_INVALID', 3],
    ]);
  });

  it('an empty key is an unknown key, and does not hide a missing by', () => {
    const { diagnostics } = parse('- fingerprint: 3f9c2a1b7d4e\n  reason: r\n  : x\n');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['APPROVAL_INVALID', 1],
      ['APPROVAL_INVALID', 3],
    ]);
    expect(diagnostics[0]?.message).toMatch(/\bby\b/);
    expect(diagnostics[1]?.message).toMatch(/unknown key/);
  });
});

describe('expires: a date, or an ISO date-time with optional seconds, fraction and offset', () => {
  it.each([
    ['2030-01-01T10:00', Date.parse('2030-01-01T10:00')],
    ['2030-01-01t10:00z', Date.UTC(2030, 0, 1, 10)],
    ['2030-01-01 10:00:30Z', Date.UTC(2030, 0, 1, 10, 0, 30)],
    ['2030-01-01T10:00:00.5Z', Date.UTC(2030, 0, 1, 10, 0, 0, 500)],
    ['2030-01-01T10:00:00.123Z', Date.UTC(2030, 0, 1, 10, 0, 0, 123)],
    ['2030-01-01T10:00+0200', Date.UTC(2030, 0, 1, 8)],
    ['2030-01-01T10:00-02:30', Date.UTC(2030, 0, 1, 12, 30)],
    ['2030-01-01', Date.UTC(2030, 0, 2)],
  ])('%s ends at %d', (expires, end) => {
    expect(expiryTime(expires)).toBe(end);
    const { approvals, diagnostics } = parse(`- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: "${expires}"\n`);
    expect(diagnostics).toEqual([]);
    expect(approvals[0]?.expires).toBe(expires);
  });

  it.each([
    'January 1, 2030',
    '2030/01/01',
    '01/01/2030',
    '2030-01-01 10:00 PM',
    '+002030-01-01T10:00Z',
    '+002030-01-01',
    '2030-01-01T10',
    '2030-01-01T10:00:00.Z',
    '2030-01-01T10:00:00.aZ',
    '2030-01-01T10:00Z (UTC)',
    '2030-01-01T10:00+2',
    'Tue, 01 Jan 2030 10:00:00 GMT',
  ])('%s is refused at its position', (expires) => {
    expect(expiryTime(expires)).toBeUndefined();
    const { approvals, diagnostics } = parse(`- policy: p\n  resource: s/Pod/x\n  by: a\n  reason: r\n  expires: "${expires}"\n`);
    expect(approvals).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['APPROVAL_INVALID', 5, 12]]);
  });
});
