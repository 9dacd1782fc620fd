import type { SourceText } from '../core/source-text.js';
import type { Paint } from './ansi.js';
import { printable } from './printable.js';

export interface FrameSpan {
  line: number;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
}

export interface FrameStyle {
  indent: string;
  gutter: Paint;
  marker: Paint;
}

/**
 * The source line with a caret (or a run of carets for a same-line range) under the column,
 * like a compiler. Undefined when the line does not exist in the text.
 */
export function codeFrame(source: SourceText, span: FrameSpan, style: FrameStyle): string[] | undefined {
  if (!Number.isInteger(span.line) || span.line < 1) return undefined;
  // lineText answers '' past the end; a line that does not exist has no start offset.
  if (span.line > 1 && source.position(source.text.length).line < span.line) return undefined;
  // the source line as it will look: control characters escaped, so columns are counted on that
  const original = source.lineText(span.line);
  const raw = printable(original);
  const text = raw.trimEnd();
  const number = String(span.line);
  const blank = ' '.repeat(number.length);
  const head = `${style.indent}${style.gutter(`${number} |`)}${text === '' ? '' : ` ${text}`}`;
  if (span.column === undefined || span.column < 1) return [head];
  const start = printable(original.slice(0, span.column - 1)).length + Math.max(0, span.column - 1 - original.length);
  // Keep tabs as tabs so the caret lines up with the character above it in any tab width.
  const pad = raw.slice(0, start).replace(/[^\t]/g, ' ') + ' '.repeat(Math.max(0, start - raw.length));
  let width = 1;
  if (span.endLine === span.line && span.endColumn !== undefined) width = printable(original.slice(span.column - 1, span.endColumn - 1)).length;
  else if (span.endLine !== undefined && span.endLine > span.line) width = raw.length - start;
  width = Math.max(1, Math.min(width, Math.max(1, raw.length - start)));
  return [head, `${style.indent}${style.gutter(`${blank} |`)} ${pad}${style.marker('^'.repeat(width))}`];
}
