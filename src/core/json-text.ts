import type { DiagnosticCode } from './diagnostic-code.js';
import { diagnostic, type Diagnostic } from './diagnostic.js';
import { SourceText } from './source-text.js';
import { invalidEncodingAt, invalidEncodingMessage, stripBom } from './text-decode.js';

/**
 * Reads a JSON file's text (a values schema, a schema location): a leading byte order mark is
 * accepted, invalid UTF-8 is `ENCODING_INVALID` at its position, a syntax error is `code` at the
 * position JSON.parse names. The message never quotes the file's text.
 */
export function parseJsonText(file: string, input: string, code: DiagnosticCode): { value: unknown } | { diagnostic: Diagnostic } {
  const text = stripBom(input);
  const source = new SourceText(file, text);
  const encoding = invalidEncodingAt(text);
  if (encoding) return { diagnostic: diagnostic('ENCODING_INVALID', invalidEncodingMessage(encoding), source.location(encoding.offset)) };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    const position = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
    const offset = position ? Number(position[1]) : text.trimEnd().length;
    return { diagnostic: diagnostic(code, `${file} is not valid JSON`, source.location(Math.min(offset, text.length))) };
  }
}
