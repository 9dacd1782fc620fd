/**
 * Text from input (values, messages, file names, source lines) shown in a terminal: control
 * characters other than tab and newline, DEL, C1 (including the 8-bit CSI), the line and
 * paragraph separators and the bidirectional overrides are written as `\uXXXX`, so that no
 * input can move the cursor, recolour, retitle or ring the terminal, or reorder what it shows.
 * The report's own colours are added after this, around already printable text.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
