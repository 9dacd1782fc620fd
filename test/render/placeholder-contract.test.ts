import { describe, expect, it } from 'vitest';
import { isWholePlaceholder, scanPlaceholders, sourceOffsetOf } from '../../src/render/placeholder.js';

// The scanner's exact answer (parts with their offsets, errors with their spans), which the
// stencil compiler turns into positions and PLACEHOLDER_SYNTAX diagnostics.

describe('scanPlaceholders: offsets of placeholders and spans of errors', () => {
  it.each<[string, (string | [string, number, number])[]]>([
    ['${a}', [['a', 0, 4]]],
    ['x ${ a.b }!', ['x ', ['a.b', 2, 10], '!']],
    ['${a}${b}', [['a', 0, 4], ['b', 4, 8]]],
    ['$${a}${b}', ['${a}', ['b', 5, 9]]],
    ['$ ${a} $', ['$ ', ['a', 2, 6], ' $']],
    ['}${a}}', ['}', ['a', 1, 5], '}']],
  ])('%j', (text, parts) => {
    const scan = scanPlaceholders(text);
    expect(scan.errors).toEqual([]);
    expect(scan.parts.map((p) => (typeof p === 'string' ? p : [p.path.join('.'), p.start, p.end]))).toEqual(parts);
    expect(scan.templated).toBe(true);
  });

  it.each<[string, [number, number][], string[]]>([
    ['x ${', [[2, 4]], ['x ${']],
    ['${a} ${b', [[5, 7]], ['{a}', ' ${b']],
    ['${a+b} c', [[0, 6]], [' c']],
    ['${}', [[0, 3]], ['']],
    ['${ } ${a${b}', [[0, 4], [5, 12]], [' ']],
    ['a ${x y} ${ok}', [[2, 8]], ['a  ', '{ok}']],
  ])('%j: errors at %j, the rest kept', (text, spans, parts) => {
    const scan = scanPlaceholders(text);
    expect(scan.errors.map((e) => [e.start, e.end])).toEqual(spans);
    expect(scan.parts.map((p) => (typeof p === 'string' ? p : `{${p.path.join('.')}}`))).toEqual(parts);
    expect(scan.templated).toBe(true);
  });

  it('an invalid placeholder is quoted in its message; an empty one is named empty', () => {
    const message = (text: string) => scanPlaceholders(text).errors[0]?.message ?? '';
    expect(message('${a+b}')).toContain('${a+b}');
    expect(message('${ x y }')).toContain('${ x y }');
    expect(message('${}')).toContain('${}');
    expect(message('${  }')).toContain('${}');
    expect(message('${  }')).not.toBe(message('${a+b}'));
    expect(message('x ${')).toContain('${');
  });

  it.each([
    ['no dollar', 'plain text', false],
    ['a lone dollar', 'cost: $5', false],
    ['a dollar brace elsewhere', '$ {a}', false],
    ['an escape only', 'a $${b}', true],
  ])('%s: templated is %s, the text one part', (_name, text, templated) => {
    const scan = scanPlaceholders(text as string);
    expect(scan.templated).toBe(templated);
    expect(scan.parts).toEqual([templated ? (text as string).replace('$${', '${') : text]);
  });
});

describe('isWholePlaceholder: only a text that is one placeholder', () => {
  it.each<[string, string | undefined]>([
    ['${a.b}', 'a.b'],
    ['  ${a}', undefined],
    ['${a} ', undefined],
    ['${a}${b}', undefined],
    ['x', undefined],
    ['', undefined],
    ['$${a}', undefined],
  ])('%j', (text, path) => {
    expect(isWholePlaceholder(scanPlaceholders(text))?.path.join('.')).toBe(path);
  });
});

describe('sourceOffsetOf: the k-th `${` of the value is the k-th of the source', () => {
  it.each<[string, number, string, number]>([
    ['${a}', 0, '${a}', 10],
    ['x ${a} ${b}', 2, '"x ${a} ${b}"', 13],
    ['x ${a} ${b}', 7, '"x ${a} ${b}"', 18],
    ['x ${a} ${b}', 8, '"x ${a} ${b}"', 10],
    ['a\tb ${c}', 4, '"a\\tb ${c}"', 16],
    ['one two ${c}', 8, 'one\n  two ${c}', 20],
    ['${a}', 0, 'no placeholder here', 10],
    ['${a} ${b}', 5, '${a}', 10],
    // fewer `${` in the source than in the value (escaped as \x24{): the scalar's start
    ['${a}${b}${c}', 8, '"x${a}\\x24{b}\\x24{c}"', 10],
  ])('%j at %d in %j', (value, offset, raw, expected) => {
    expect(sourceOffsetOf(value, offset, raw, 10)).toBe(expected);
  });
});
