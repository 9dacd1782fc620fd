import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendApproval, parseApprovals, type ApprovalEntry } from '../../src/policy/index.js';

/**
 * `approve --by/--reason` take any text (issue 10: a newline used to write invalid YAML). Random
 * text (all of Unicode, YAML indicators, line breaks, very long) is appended to approvals files
 * of every shape and must read back exactly, with our loader and with PyYAML (YAML 1.1, what
 * Python-side tooling reads), while the existing text stays byte for byte. `approve` trims
 * `--by` and `--reason` (the loader trims what it reads, and a signature covers what is read),
 * so the texts here are trimmed and non-empty.
 */

const TRICKY = [
  'yes', 'No', 'on', 'null', '~', '012', '0o12', '0x1F', '1e3', '.inf', '12:30', '2001-12-14', '<<', '=', '-', '- lead', '? x', ': x', 'x:', '#x', 'x #y',
  'a: b', '&a', '*a', '!tag', '|', '>', '%x', '@x', '`x', '"x', "'x", '[x]', '{x: y}', ',', '---', '...', 'x\ty', 'x\ny', 'x\r\ny', 'x\ry', 'x\n\ny', 'a \nb',
  '\u0085', '\u2028', '\u2029', '\ufeff', '\u007f', '\u0080', '\u009b', '\u00a0', '\ufffe', '\ufdd0', '\u{10ffff}', '\u{1fffe}', '\u001b[31m', '\u0007', '\u0000',
  'é', '\u{1f600}', '\\', '\\n', '"', "'", '${x}',
];

const tricky = fc.constantFrom(...TRICKY);
const text = fc
  .oneof(
    { weight: 3, arbitrary: tricky },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
    { weight: 3, arbitrary: fc.array(fc.oneof(tricky, fc.constantFrom('a', ' ', '\n', ':', '#', '-')), { minLength: 1, maxLength: 8 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 3000, maxLength: 5000 }) },
  )
  .map((s) => s.trim())
  .filter((s) => s !== '');

/** approvals files as people and `copperplate init` write them. */
const EXISTING = [
  undefined,
  '',
  '# Sign-offs and waivers (copperplate approve appends here)\n',
  '# no newline at the end',
  '[]\n',
  '- fingerprint: aaaaaaaaaaaa # the old IP\n  by: ops\n  reason: "first: one"\n\n# keep this comment\n',
  '  - policy: no-latest-tag\n    resource: s/Pod/x\n    by: lead\n    reason: |\n      two\n      lines\n    expires: 2030-01-01\n',
  '# CRLF\r\n- fingerprint: bbbbbbbbbbbb\r\n  by: a\r\n  reason: b\r\n',
  '- fingerprint: cccccccccccc\n  by: a\n  reason: >-\n    folded\n    text',
];

const entryOf = (by: string, reason: string): ApprovalEntry => ({ fingerprint: '3f9c2a1b7d4e', policy: 'lb-ip-change', resource: 'prod/Service/shop/web', by, reason });

// PyYAML reads each file (JSON lines in, JSON out: one process per batch)
const PYYAML = `
import json, sys, yaml
out = []
for line in sys.stdin:
    out.append(yaml.safe_load(json.loads(line)))
print(json.dumps(out, default=str))
`;

describe('appendApproval with any text', () => {
  it('reads back exactly, keeps the existing text and entries, and stays one valid list for our loader and PyYAML', () => {
    const written: { text: string; by: string; reason: string }[] = [];
    fc.assert(
      fc.property(fc.constantFrom(...EXISTING), text, text, (before, by, reason) => {
        const after = appendApproval(before, entryOf(by, reason));
        const old = parseApprovals('approvals.yaml', before ?? '');
        const parsed = parseApprovals('approvals.yaml', after);
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.approvals).toHaveLength(old.approvals.length + 1);
        expect(parsed.approvals.slice(0, -1).map(({ location: _l, expiresLocation: _e, ...a }) => a)).toEqual(old.approvals.map(({ location: _l, expiresLocation: _e, ...a }) => a));
        expect(parsed.approvals.at(-1)).toMatchObject({ kind: 'signoff', fingerprint: '3f9c2a1b7d4e', by, reason });
        // a flow list is rewritten through the Document; every other file only grows
        if (before !== undefined && before !== '[]\n') expect(after.startsWith(before)).toBe(true);
        written.push({ text: after, by, reason });
      }),
      { numRuns: 300 },
    );
    const read = JSON.parse(execFileSync('python3', ['-c', PYYAML], { input: written.map((w) => JSON.stringify(w.text)).join('\n'), maxBuffer: 1 << 28 }).toString()) as Record<string, unknown>[][];
    read.forEach((entries, i) => {
      expect(entries.at(-1), JSON.stringify(written[i]?.text)).toMatchObject({ by: written[i]?.by, reason: written[i]?.reason });
    });
  });

  it('writes one line per field: line breaks and control characters are escapes in double quotes', () => {
    const after = appendApproval('', entryOf('ops', 'first line\nsecond: line\r\n# not a comment\n- not an item\u2028\u0085'));
    expect(after).toBe(
      [
        '- fingerprint: "3f9c2a1b7d4e"',
        '  policy: lb-ip-change',
        '  resource: prod/Service/shop/web',
        '  by: ops',
        '  reason: "first line\\nsecond: line\\r\\n# not a comment\\n- not an item\\u2028\\u0085"',
        '',
      ].join('\n'),
    );
  });

  it('refuses a file that is not a list, whatever the text', () => {
    for (const before of ['fingerprint: 3f9c2a1b7d4e\n', 'just text\n', '- [unclosed\n']) {
      expect(() => appendApproval(before, entryOf('a', 'b'))).toThrow(expect.objectContaining({ code: 'APPROVALS_NOT_A_LIST' }));
    }
  });
});
