/** `s` as one word for sh, whatever it holds: single-quoted, each `'` written as `'\''`. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** `s` as one word for sh, quoted only when it holds more than letters, digits and `_ . / -`. */
export function shellWord(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : shellQuote(s);
}
