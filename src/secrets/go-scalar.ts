/**
 * The scalar semantics of the Go libraries sops is built on (strconv, gopkg.in/yaml.v3). The
 * sops MAC hashes each value's text *as Go formats the Go value it read*, so reading a value
 * the way JavaScript or the yaml package's YAML 1.2 core schema would (`0777`, `1_000`,
 * `9007199254740993`, `-0.0`, `1e21`) verifies files that sops rejects and rejects files that
 * sops verifies. Go `int` values are bigints here, Go `float64` values are numbers.
 */

/** A plain YAML integer that fits no `int` but a `uint64`: sops cannot walk such a value. */
export const GO_UINT64 = Symbol('uint64');

export type GoYamlScalar = string | bigint | number | boolean | null | typeof GO_UINT64;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const YAML_WORDS = new Map<string, GoYamlScalar>([
  ...['true', 'True', 'TRUE'].map((w) => [w, true] as const),
  ...['false', 'False', 'FALSE'].map((w) => [w, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((w) => [w, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, Number.NEGATIVE_INFINITY] as const),
]);

/** yaml.v3's float syntax, tried on the text with `_` removed. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * What yaml.v3 decodes an untagged plain scalar into (`interface{}`), as sops' YAML store reads
 * values: its `resolve` table and hints (`0777` is octal, `08` a float, `_` separators dropped,
 * `yes` a string, timestamps kept as their text).
 */
export function goYamlPlainScalar(text: string): GoYamlScalar {
  if (YAML_WORDS.has(text)) return YAML_WORDS.get(text)!;
  const first = text[0]!;
  if (first === '.') {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? finiteOr(Number(text), text) : text;
  }
  if (!/[-+0-9]/.test(first)) return text;
  const plain = text.replaceAll('_', '');
  const int = goParseInt(plain, 0);
  if (typeof int === 'bigint') return int;
  if (int === 'range' && !/^[-+]/.test(plain)) {
    const unsigned = goParseUnsigned(plain, 0);
    if (typeof unsigned === 'bigint' && unsigned <= UINT64_MAX) return GO_UINT64;
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    const n = Number(plain);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

function finiteOr(n: number, text: string): number | string {
  return Number.isFinite(n) ? n : text;
}

/** strconv.ParseUint's digits after an optional base prefix (base 0: `0x`, `0o`, `0b`, `0`). */
function goParseUnsigned(s: string, base: 0 | 10): bigint | undefined {
  if (base === 10) return /^[0-9]+$/.test(s) ? BigInt(s) : undefined;
  const m = /^(?:0[bB]([01]+)|0[oO]([0-7]+)|0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (!m) return undefined;
  if (m[1] !== undefined) return BigInt(`0b${m[1]}`);
  if (m[2] !== undefined) return BigInt(`0o${m[2]}`);
  if (m[3] !== undefined) return BigInt(`0x${m[3]}`);
  if (m[4] !== undefined) return m[4] === '' ? 0n : BigInt(`0o${m[4]}`);
  return BigInt(m[5]!);
}

/** strconv.ParseInt(s, base, 64): the value, `'range'` past int64, undefined for bad syntax. */
export function goParseInt(s: string, base: 0 | 10): bigint | 'range' | undefined {
  const sign = s[0] === '-' ? -1n : 1n;
  const digits = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const magnitude = goParseUnsigned(digits, base);
  if (magnitude === undefined) return undefined;
  const value = sign * magnitude;
  return value < INT64_MIN || value > INT64_MAX ? 'range' : value;
}

/**
 * strconv.ParseFloat(s, 64) for the syntax that can reach it from a sops value: decimal, hex
 * with a `p` exponent, `inf`/`infinity`/`nan` in any case; underscores only after a base prefix.
 * Undefined when Go answers an error (bad syntax, or out of range).
 */
export function goParseFloat(s: string): number | undefined {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return special[1] === '' ? Number.NaN : undefined;
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  const hex = /^([-+]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([-+]?[0-9]+)$/.exec(s);
  if (!hex) return undefined;
  const [, sign, int = '', frac = ''] = hex;
  // underscores only between digits (or right after the prefix), and at least one digit
  if (!/^_?([0-9a-fA-F]+(_[0-9a-fA-F]+)*)?$/.test(int) || !/^([0-9a-fA-F]+(_[0-9a-fA-F]+)*)?$/.test(frac)) return undefined;
  const digits = `${int}${frac}`.replaceAll('_', '');
  if (digits === '') return undefined;
  const n = Number(BigInt(`0x${digits}`)) * 2 ** (Number(hex[4]) - 4 * frac.length);
  if (!Number.isFinite(n)) return undefined;
  return sign === '-' ? -n : n;
}

/** strconv.ParseBool. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/**
 * strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back as `v` (JavaScript
 * picks the same digits), written without an exponent; `-0`, `NaN`, `+Inf`, `-Inf` as Go does.
 */
export function goFormatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const sign = v < 0 ? '-' : '';
  const m = /^(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(Math.abs(v).toExponential());
  const digits = m![1]! + (m![2] ?? '');
  const point = Number(m![3]) + 1; // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
