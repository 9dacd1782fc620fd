/**
 * OpenSSH pattern lists (ssh_config(5) PATTERNS), as allowed-signers principals and
 * `namespaces=` use them: comma-separated patterns with `*` and `?`, a leading `!` negates, and
 * one negated match vetoes the whole list. Case-sensitive, as ssh-keygen matches principals.
 */
export function matchesPatternList(value: string, list: string): boolean {
  let positive = false;
  for (const item of list.split(',')) {
    const negated = item.startsWith('!');
    const pattern = negated ? item.slice(1) : item;
    if (!matchesPattern(value, pattern)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

/** `*` and `?` wildcards in linear-ish time (one backtrack point), never a regular expression. */
export function matchesPattern(value: string, pattern: string): boolean {
  let v = 0;
  let p = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starV = v;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      v++;
      p++;
    } else if (starP !== -1) {
      p = starP + 1;
      v = ++starV;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
