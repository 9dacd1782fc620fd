import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitYaml } from '../../src/render/yaml-emitter.js';

/** Strings that some YAML 1.1 or 1.2 reader would misread if written plain, or that need care. */
const STRINGS = [
  'on', 'On', 'ON', 'off', 'yes', 'Yes', 'YES', 'no', 'No', 'y', 'Y', 'n', 'N', 'true', 'True', 'false', 'FALSE',
  'null', 'Null', 'NULL', '~', '', ' ', '012', '0775', '0o17', '0x1F', '0b101', '1e3', '12e3', '1e+3', '+1', '-1', '.5', '1.',
  '1.10', '1_000', '12:30', '1:20', '190:20:30', '2001-12-14', '2026-01-15T10:00:00Z', '.inf', '-.inf', '.NaN', '=', '<<',
  '@x', '`x', '%x', '!x', '&x', '*x', '|x', '>x', '?x', '? x', 'x?', 'x,y', '-', '-x', '- x', ':x', 'x:', 'a: b', 'a #b', 'x #',
  'a#b', '#x', "a'b", 'a"b', 'a\\b', 'C:\\x', '{a: 1}', '[a]', 'a]', 'a\tb', 'héllo', '日本', '\u00a0x', 'x\u00a0', 'foo bar ',
  '(secret:x)', 'registry.local:5000/app', 'https://x.example/a?b=c&d=e', '${HOME}', '$$', 'x\u2028y', 'a\r\nb', '\u0007bell',
  // multi-line: block literals where a reader gives the same string back
  'a\nb', 'a\nb\n', 'a\n\n', 'a\n\n\n', '\na', ' a\nb', '  \na', '\ta\nb', 'a\n ', 'a\n  \n', 'a\nb  ', '\n', '\n\n', '  \n',
  ' \n\n', 'x\n#y', '- a\nb', 'a\n---\nb', 'a\n...\n', 'key: value\nline2', '#!/bin/sh\necho "$HOME"\n',
];

const NUMBERS = [0, 1, -42, 0.5, -0.25, 1000000, 123456789012, 2 ** 53, 1e21, 1e-7, 0.000001, 1.5e300, -2e-10];

function roundTrip(value: unknown): void {
  const doc = { k: value, list: [value], items: [{ k: value, z: 1 }], deep: { a: { k: value } }, keyed: typeof value === 'string' ? { [value]: 1 } : {} };
  const text = emitYaml(doc, false);
  for (const version of ['1.1', '1.2'] as const) {
    expect(parse(text, { version }), `YAML ${version} reading:\n${text}`).toStrictEqual(doc);
  }
}

describe('emitYaml: YAML 1.1 and 1.2 readers get the value back', () => {
  it.each(STRINGS.map((s) => [JSON.stringify(s), s]))('string %s', (_label, s) => roundTrip(s));
  it.each(NUMBERS)('number %d', (n) => roundTrip(n));
  it.each([true, false, null])('%s', (v) => roundTrip(v));

  it('writes integers in full, never in exponent form', () => {
    expect(emitYaml({ a: 1000000, b: 123456789012 }, false)).toBe('a: 1000000\nb: 123456789012\n');
  });

  it('writes multi-line strings as block literals', () => {
    expect(emitYaml({ s: 'a\nb\n' }, false)).toBe('s: |\n  a\n  b\n');
    expect(emitYaml({ s: 'a\nb' }, false)).toBe('s: |-\n  a\n  b\n');
  });

  it('quotes YAML 1.1 booleans, octals, sexagesimals and versions', () => {
    expect(emitYaml({ a: 'on', b: 'yes', c: '012', d: '12:30', e: '1.10', f: 'plain' }, false)).toBe(
      'a: "on"\nb: "yes"\nc: "012"\nd: "12:30"\ne: "1.10"\nf: plain\n',
    );
  });

  it('writes empty collections inline', () => {
    expect(emitYaml({ a: {}, b: [], c: [{}, []] }, false)).toBe('a: {}\nb: []\nc:\n  - {}\n  - []\n');
  });
});

/** The plain-scalar rule as first written (a regular expression and substring tests): the emitter's one-pass scan must agree. */
function plainByRule(s: string): boolean {
  const special = ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~'].flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]);
  if (s === '' || special.includes(s)) return false;
  if (!/^[A-Za-z_/(][A-Za-z0-9_./()@+=,;%^$*&?~\-:[\] #'"!<>]*$/.test(s)) return false;
  if (s.endsWith(' ') || s.endsWith(':')) return false;
  return !(s.includes(': ') || s.includes(' #') || s.includes('[') || s.includes(']') || s.includes('{') || s.includes('}'));
}

describe('emitYaml: which strings are written plain', () => {
  it('exactly those the plain-scalar rule allows', () => {
    const alphabet = fc.constantFrom(...'aZ_/(09.)@+=,;%^$*&?~-: #\'"!<>[]{}|`\t\né\u2028'.split(''), 'yes', 'On', '~', 'null');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }).map((parts) => parts.join('')), (s) => {
        const plain = !s.includes('\n') && emitYaml({ k: s }, false) === `k: ${s}\n`;
        expect(plain).toBe(plainByRule(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of STRINGS) if (!s.includes('\n')) expect(emitYaml({ k: s }, false) === `k: ${s}\n`, JSON.stringify(s)).toBe(plainByRule(s));
  });
});
