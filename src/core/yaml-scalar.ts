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

const PLAIN = /^[A-Za-z_/(][A-Za-z0-9_./()@+=,;%^$*&?~\-:[\] #'"!<>]*$/;

/** Text that every YAML 1.1 and 1.2 reader reads as this very string when it is written plain. */
export function isPlainSafe(s: string): boolean {
  if (s === '' || SPECIAL.has(s)) return false;
  if (!PLAIN.test(s)) return false;
  if (s.endsWith(' ') || s.endsWith(':')) return false;
  if (s.includes(': ') || s.includes(' #') || s.includes('[') || s.includes(']') || s.includes('{') || s.includes('}')) return false;
  if (s === '<<' || s === '=') return false;
  return true;
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
