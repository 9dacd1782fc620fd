/**
 * One quoting rule for YAML scalars that YAML 1.1 readers (PyYAML, Go: Kubernetes tooling) and
 * YAML 1.2 readers agree on, for every file copperplate writes (rendered manifests,
 * approvals.yaml): a string is plain only when no resolver of either version could read it as
 * anything but that string; otherwise it is double-quoted with every character escaped that
 * some reader refuses raw or reads as something else.
 */

/** Words some YAML 1.1 or 1.2 resolver reads as bool or null. */
const SPECIAL = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~'].flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]),
);

/**
 * Per ASCII code: 2 may start a plain scalar (`A-Za-z_/(`), 1 may follow (those, digits and
 * `./()@+=,;%^$*&?~-: #'"!<>`); `[`, `]`, `{`, `}` and everything else never appear in one.
 */
const PLAIN_CHAR = (() => {
  const table = new Uint8Array(128);
  const mark = (chars: string, kind: number) => {
    for (const c of chars) table[c.charCodeAt(0)] = kind;
  };
  mark('0123456789./)@+=,;%^$*&?~-: #\'"!<>', 1);
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/(', 2);
  return table;
})();

const SPACE = 0x20;
const COLON = 0x3a;
const HASH = 0x23;

/**
 * Text that every YAML 1.1 and 1.2 reader reads as this very string when it is written plain:
 * it starts with a letter, `_`, `/` or `(`, holds only the characters of `PLAIN_CHAR`, no `: `
 * or ` #`, does not end in a space or `:`, and is no special word. One pass over the
 * characters: every string of every rendered manifest comes here.
 */
export function isPlainSafe(s: string): boolean {
  const n = s.length;
  // (the empty string's first code is NaN, in no table entry)
  if (PLAIN_CHAR[s.charCodeAt(0)] !== 2) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || PLAIN_CHAR[c] === 0) return false;
    if ((c === SPACE && previous === COLON) || (c === HASH && previous === SPACE)) return false;
    previous = c;
  }
  if (previous === SPACE || previous === COLON) return false;
  return !SPECIAL.has(s);
}

/**
 * Characters that some YAML reader refuses raw or reads as something else: C0 controls (JSON
 * escapes those), DEL and C1 (refused by PyYAML and Go), NEL, U+2028 and U+2029 (line breaks
 * to YAML 1.1), the byte order mark, and non-characters (U+FDD0..U+FDEF, U+xFFFE/U+xFFFF in
 * every plane). Lone surrogates are escaped by JSON.stringify already.
 */
const UNSAFE_CHAR = /[\u007f-\u009f\u2028\u2029\ufeff\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g;
const HAS_UNSAFE_CHAR = /[\u007f-\u009f\u2028\u2029\ufeff\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;
const C0_OR_LONE_SURROGATE = /[\u0000-\u0008\u000b-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A double-quoted scalar (JSON's escapes are YAML's), with every unsafe character escaped too. */
export function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(UNSAFE_CHAR, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** Text that only a double-quoted scalar can carry as it is (a block scalar cannot). */
export function needsEscape(s: string): boolean {
  return C0_OR_LONE_SURROGATE.test(s) || HAS_UNSAFE_CHAR.test(s);
}
