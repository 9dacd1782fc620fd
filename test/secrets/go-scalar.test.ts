import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GO_UINT64, goFormatFloat, goParseBool, goParseFloat, goParseInt, goYamlPlainScalar } from '../../src/secrets/go-scalar.js';

/** Expected values are Go's answers (strconv, gopkg.in/yaml.v3 resolve.go), read from their source. */
describe('Go scalar semantics', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [3.0, '3'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e21, '1000000000000000000000'],
    [2 ** 60, '1152921504606847000'],
    [1e-7, '0.0000001'],
    [123456789.125, '123456789.125'],
    [5e-324, `0.${'0'.repeat(323)}5`],
    [Number.MAX_VALUE, `17976931348623157${'0'.repeat(292)}`],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ])('FormatFloat(%s, f, -1, 64) = %s', (value, text) => {
    expect(goFormatFloat(value)).toBe(text);
  });

  it('FormatFloat reads back as the same float and never uses an exponent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = goFormatFloat(x);
        expect(text).toMatch(/^-?[0-9]+(\.[0-9]+)?$/);
        expect(Object.is(Number(text), x) || (x === 0 && Number(text) === 0)).toBe(true);
      }),
    );
  });

  it.each<[string, unknown]>([
    ['5432', 5432n],
    ['-7', -7n],
    ['+12', 12n],
    ['0777', 511n],
    ['0o17', 15n],
    ['0x1F', 31n],
    ['-0x1F', -31n],
    ['0b101', 5n],
    ['1_000', 1000n],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', GO_UINT64],
    ['18446744073709551616', 18446744073709551616],
    ['-9223372036854775809', -9223372036854775809],
    ['08', 8],
    ['1.5', 1.5],
    ['1_000.5', 1000.5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1e3', 1000],
    ['1e400', '1e400'],
    ['.inf', Number.POSITIVE_INFINITY],
    ['-.Inf', Number.NEGATIVE_INFINITY],
    ['true', true],
    ['False', false],
    ['yes', 'yes'],
    ['on', 'on'],
    ['~', null],
    ['', null],
    ['Null', null],
    ['2024-03-25T22:08:10Z', '2024-03-25T22:08:10Z'],
    ['0x', '0x'],
    ['1:20', '1:20'],
    ['._5', '._5'],
    ['-', '-'],
  ])('yaml.v3 reads plain %j as %s', (text, value) => {
    expect(goYamlPlainScalar(text)).toEqual(value);
  });

  it.each<[string, unknown]>([
    ['42', 42n],
    ['-42', -42n],
    ['+42', 42n],
    ['007', 7n],
    ['0x10', undefined],
    ['1_0', undefined],
    ['', undefined],
    ['9223372036854775808', 'range'],
  ])('Atoi(%j)', (text, value) => {
    expect(goParseInt(text, 10)).toEqual(value);
  });

  it.each<[string, number | undefined]>([
    ['0.1', 0.1],
    ['1.', 1],
    ['.5', 0.5],
    ['1e5', 1e5],
    ['Inf', Number.POSITIVE_INFINITY],
    ['-infinity', Number.NEGATIVE_INFINITY],
    ['NaN', Number.NaN],
    ['+nan', undefined],
    ['0x1p-2', 0.25],
    ['0x_1.8p1', 3],
    ['0x1.8', undefined],
    ['1_0', undefined],
    ['1e400', undefined],
    ['abc', undefined],
  ])('ParseFloat(%j)', (text, value) => {
    expect(goParseFloat(text)).toEqual(value);
  });

  it.each<[string, boolean | undefined]>([
    ['True', true],
    ['t', true],
    ['1', true],
    ['FALSE', false],
    ['yes', undefined],
    ['true ', undefined],
  ])('ParseBool(%j)', (text, value) => {
    expect(goParseBool(text)).toBe(value);
  });
});
