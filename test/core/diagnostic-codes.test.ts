import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/core/diagnostic-code.js';

const doc = fs.readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)].map(([, code, severity, exit, meaning]) => ({
  code: code!,
  severity: severity!.trim(),
  exit: exit!.trim(),
  meaning: meaning!.trim(),
}));

describe('diagnostics catalogue', () => {
  it('docs/diagnostics.md lists exactly the DiagnosticCode union', () => {
    expect(rows.map((r) => r.code).sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });

  it('the union has each code once, in alphabetical order (parallel additions merge cleanly)', () => {
    expect(new Set(DIAGNOSTIC_CODES).size).toBe(DIAGNOSTIC_CODES.length);
    expect([...DIAGNOSTIC_CODES]).toEqual([...DIAGNOSTIC_CODES].sort());
  });

  it.each(rows)('$code has a severity, its exit code and a meaning', ({ severity, exit, meaning }) => {
    const exits: Record<string, string> = { error: '2', warning: '0', 'error or warning': '2 or 0' };
    expect(exits[severity]).toBe(exit);
    expect(meaning.length).toBeGreaterThan(10);
  });
});
