/** A `${a.b.c}` reference found in a scalar. `start`/`end` are offsets in the scalar's value. */
export interface Placeholder {
  path: readonly string[];
  start: number;
  end: number;
}

export interface PlaceholderError {
  start: number;
  end: number;
  message: string;
}

export interface ScannedText {
  /** Literal text (escapes already turned into `${`) alternating with placeholders. */
  parts: (string | Placeholder)[];
  errors: PlaceholderError[];
  /** True when the text had to change: placeholders or `$${` escapes. */
  templated: boolean;
}

const PATH = /^\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)\s*$/;

/** Splits a scalar's text into literal parts and placeholders (SPEC §2.1). */
export function scanPlaceholders(text: string): ScannedText {
  const parts: (string | Placeholder)[] = [];
  const errors: PlaceholderError[] = [];
  if (!text.includes('${')) return { parts: [text], errors, templated: false };
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, dollar);
    if (text.startsWith('$${', dollar)) {
      literal += '${';
      i = dollar + 3;
      continue;
    }
    if (text[dollar + 1] !== '{') {
      literal += '$';
      i = dollar + 1;
      continue;
    }
    const close = text.indexOf('}', dollar + 2);
    if (close === -1) {
      errors.push({ start: dollar, end: dollar + 2, message: 'unterminated placeholder `${`' });
      literal += text.slice(dollar);
      break;
    }
    const inner = text.slice(dollar + 2, close);
    const m = PATH.exec(inner);
    if (!m || inner.includes('${')) {
      errors.push({
        start: dollar,
        end: close + 1,
        message: inner.trim() === '' ? 'empty placeholder `${}`' : `invalid placeholder \`\${${inner}}\`: expected a dotted name like \`\${image.tag}\``,
      });
    } else {
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push({ path: m[1]!.split('.'), start: dollar, end: close + 1 });
    }
    i = close + 1;
  }
  if (literal !== '' || parts.length === 0) parts.push(literal);
  // a `${` is a placeholder (valid or not) or the `$${` escape: either way the text changes
  return { parts, errors, templated: true };
}

/** True when the whole text is one placeholder (whitespace only inside the braces). */
export function isWholePlaceholder(scan: ScannedText): Placeholder | undefined {
  const only = scan.parts.length === 1 ? scan.parts[0] : undefined;
  return typeof only === 'object' ? only : undefined;
}

/**
 * Maps an offset in a scalar's value to an offset in its raw source. Placeholders are located
 * by occurrence: the k-th `${` of the value is the k-th `${` of the source, which holds for
 * plain, quoted and block scalars (folding and indentation never create or remove a `${`).
 */
export function sourceOffsetOf(valueText: string, valueOffset: number, rawSource: string, rawStart: number): number {
  let k = 0;
  for (let i = valueText.indexOf('${'); i !== -1 && i < valueOffset; i = valueText.indexOf('${', i + 1)) k++;
  let at = rawSource.indexOf('${');
  for (let j = 0; j < k && at !== -1; j++) at = rawSource.indexOf('${', at + 1);
  return rawStart + (at === -1 ? 0 : at);
}
