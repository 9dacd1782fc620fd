import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SecretValue } from '../../src/core/secret-value.js';
import { emitYaml } from '../../src/render/yaml-emitter.js';

// The exact bytes the manifest writer emits (output is deterministic and diffed in review):
// plain where every reader agrees, quoted or a block literal otherwise, never more quoting
// than needed. yaml-emitter.test.ts checks that readers get every value back.

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('emitYaml: layout', () => {
  it.each<[string, unknown, string]>([
    ['an empty mapping', {}, '{}\n'],
    ['an empty list', [], '[]\n'],
    ['a scalar', 'x', 'x\n'],
    ['a multi-line scalar', 'a\nb', lines('|-', '  a', '  b')],
    ['a mapping with inherited keys only', Object.create({ inherited: 1 }) as object, '{}\n'],
    ['an own key next to an inherited one', Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }), 'own: 2\n'],
    ['null and undefined', [null, undefined], lines('- null', '- null')],
    ['nested mappings', { a: { b: { c: 'd' } } }, lines('a:', '  b:', '    c: d')],
    ['a mapping in a list shares the dash line', { e: [{ f: { g: 1 }, h: 2 }] }, lines('e:', '  - f:', '      g: 1', '    h: 2')],
    ['lists in lists', [1, [2, 3], [], {}, [[4]]], lines('- 1', '-', '  - 2', '  - 3', '- []', '- {}', '-', '  -', '    - 4')],
    ['empty collections as values', { a: {}, b: [], c: [{ d: [] }] }, lines('a: {}', 'b: []', 'c:', '  - d: []')],
  ])('%s', (_name, value, text) => {
    expect(emitYaml(value, false)).toBe(text);
  });

  it('a key longer than 1,024 characters is written as an explicit key', () => {
    const k1024 = 'k'.repeat(1024);
    const k1025 = 'k'.repeat(1025);
    expect(emitYaml({ [k1024]: 1 }, false)).toBe(`${k1024}: 1\n`);
    expect(emitYaml({ [k1025]: 1 }, false)).toBe(`? ${k1025}\n: 1\n`);
    expect(emitYaml({ a: { [k1025]: { b: 1 } } }, false)).toBe(`a:\n  ? ${k1025}\n  :\n    b: 1\n`);
    expect(parse(emitYaml({ a: [{ [k1025]: 1, z: 2 }] }, false))).toEqual({ a: [{ [k1025]: 1, z: 2 }] });
  });
});

describe('emitYaml: scalars', () => {
  it.each<[string, unknown, string]>([
    ['NaN', NaN, '.nan'],
    ['infinity', Infinity, '.inf'],
    ['minus infinity', -Infinity, '-.inf'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['a bigint', 10n ** 30n, '1000000000000000000000000000000'],
    ['an integer past 2^53', 2 ** 60, '1152921504606846976'],
    ['1e21', 1e21, '1.0e+21'],
    ['1e-7', 1e-7, '1.0e-7'],
    ['2.5e-7', 2.5e-7, '2.5e-7'],
    ['-2e-10', -2e-10, '-2.0e-10'],
    ['1.5e300', 1.5e300, '1.5e+300'],
    ['the largest double', Number.MAX_VALUE, '1.7976931348623157e+308'],
    ['the smallest double', Number.MIN_VALUE, '5.0e-324'],
    ['0.1', 0.1, '0.1'],
    ['minus zero', -0, '0'],
    ['a date', new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), '"2026-01-02T03:04:05.000Z"'],
  ])('%s', (_name, value, text) => {
    expect(emitYaml({ v: value }, false)).toBe(`v: ${text}\n`);
    expect(emitYaml([value], false)).toBe(`- ${text}\n`);
  });

  it.each<[string, string]>([
    ['a b', 'a b'],
    ['a:b', 'a:b'],
    ['a#b', 'a#b'],
    ['x=', 'x='],
    ['_x', '_x'],
    ['/x', '/x'],
    ['(x)', '(x)'],
    ['x~', 'x~'],
    ['yES', 'yES'],
    ['nO', 'nO'],
    ['oN', 'oN'],
    ['O', 'O'],
    ['a ', '"a "'],
    ['a:', '"a:"'],
    ['a: b', '"a: b"'],
    ['a #b', '"a #b"'],
    ['a[', '"a["'],
    ['a]', '"a]"'],
    ['a{', '"a{"'],
    ['a}', '"a}"'],
    ['<<', '"<<"'],
    ['=', '"="'],
    ['==', '"=="'],
    ['Yes', '"Yes"'],
    ['NO', '"NO"'],
    ['on', '"on"'],
    ['', '""'],
  ])('%j is written %s', (s, text) => {
    expect(emitYaml({ v: s }, false)).toBe(`v: ${text}\n`);
    expect(emitYaml({ [s]: 1 }, false)).toBe(`${text}: 1\n`);
  });

  it.each<[string, string]>([
    ['\u0085', '"\\u0085"'],
    ['a\u2028', '"a\\u2028"'],
    ['\ufeffx', '"\\uFEFFx"'],
    ['\ufdd0', '"\\uFDD0"'],
    ['\uffff', '"\\uFFFF"'],
    ['\u{1fffe}', '"\\U0001FFFE"'],
    ['\u{10ffff}', '"\\U0010FFFF"'],
    ['\u{1f600}', '"\u{1f600}"'],
    ['\u007f', '"\\u007F"'],
    ['a\u0080', '"a\\u0080"'],
    ['a\u0000', '"a\\u0000"'],
    ['\ud800x', '"\\ud800x"'],
  ])('%j is escaped: %s', (s, text) => {
    expect(emitYaml({ v: s }, false)).toBe(`v: ${text}\n`);
  });
});

describe('emitYaml: multi-line strings', () => {
  it.each<[string, string]>([
    ['a\nb', lines('v: |-', '  a', '  b')],
    ['a\nb\n', lines('v: |', '  a', '  b')],
    ['a\n\n', lines('v: |+', '  a', '')],
    [' a\nb', lines('v: |2-', '   a', '  b')],
    ['\na', lines('v: |2-', '', '  a')],
    ['a\n\tb', lines('v: |-', '  a', '  \tb')],
    ['a \nb', lines('v: |-', '  a ', '  b')],
    [' \n\n', lines('v: " \\n\\n"')],
    ['\n', lines('v: "\\n"')],
    ['a\n \nb', lines('v: "a\\n \\nb"')],
    ['a\n  \nb', lines('v: "a\\n  \\nb"')],
    [' \na', lines('v: " \\na"')],
    ['a\n\t\nb', lines('v: "a\\n\\t\\nb"')],
    ['a\n ', lines('v: "a\\n "')],
    ['a\r\nb', lines('v: "a\\r\\nb"')],
    ['a\nb\u0085', lines('v: "a\\nb\\u0085"')],
    ['a\u0001\nb', lines('v: "a\\u0001\\nb"')],
    ['a\n\u{1fffe}', lines('v: "a\\n\\U0001FFFE"')],
    ['a\n\udc00', lines('v: "a\\n\\udc00"')],
  ])('%j', (s, text) => {
    expect(emitYaml({ v: s }, false)).toBe(text);
    expect(parse(text)).toEqual({ v: s });
  });

  it('a block literal is indented under its key and its list item', () => {
    expect(emitYaml({ a: { b: 'x\ny\n' }, l: ['p\nq'] }, false)).toBe(lines('a:', '  b: |', '    x', '    y', 'l:', '  - |-', '    p', '    q'));
  });
});

describe('emitYaml: secrets', () => {
  const doc = () => ({ s: new SecretValue('v', ['a', 'b']), t: [new SecretValue('multi\nline', ['m'])], k: { p: new SecretValue('on', ['x']) } });

  it('writes the stand-ins of every reference unless revealing', () => {
    expect(emitYaml(doc(), false)).toBe(lines('s: (secret:a)(secret:b)', 't:', '  - (secret:m)', 'k:', '  p: (secret:x)'));
  });

  it('writes the value, quoted or as a block like any string, when revealing', () => {
    expect(emitYaml(doc(), true)).toBe(lines('s: v', 't:', '  - |-', '    multi', '    line', 'k:', '  p: "on"'));
  });
});
