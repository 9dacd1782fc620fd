import type { SourceText } from '../core/source-text.js';
import type { FrameSpan } from './code-frame.js';
import { locationLabel } from './labels.js';
import { escapeXmlText as esc } from './xml-escape.js';

/** Lines shown around the marked one: enough to see the YAML key and its parent. */
const CONTEXT_BEFORE = 2;
const CONTEXT_AFTER = 1;

export interface HtmlFrameTarget extends FrameSpan {
  file: string;
}

/**
 * Where the mark ends on its line: the span's own end when it has one on that line, else the
 * end of the value that starts at the column (the rest of the line without a trailing comment).
 */
function markEnd(raw: string, span: FrameSpan): number {
  const start = (span.column ?? 1) - 1;
  if (span.endLine === span.line && span.endColumn !== undefined && span.endColumn > span.column!) {
    return Math.min(raw.length, span.endColumn - 1);
  }
  const rest = raw.slice(start);
  const comment = rest.search(/\s#/);
  const body = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
  return start + Math.max(1, body.length);
}

/**
 * A source excerpt as HTML: a few numbered lines with the span marked, captioned with its
 * `file:line:column` and what it is (`stencil`, `value from formation`). Undefined when the
 * line does not exist in the text (a stale or unreadable file shows its location only).
 */
export function htmlFrame(source: SourceText | undefined, target: HtmlFrameTarget, role: string): string {
  const caption = `<figcaption><span class="role">${esc(role)}</span> <code>${esc(locationLabel(target) ?? target.file)}</code></figcaption>`;
  const lastLine = source === undefined ? 0 : source.position(source.text.length).line;
  if (source === undefined || !Number.isInteger(target.line) || target.line < 1 || target.line > lastLine) {
    return `<figure class="frame">${caption}</figure>`;
  }
  const first = Math.max(1, target.line - CONTEXT_BEFORE);
  const last = Math.min(lastLine, target.line + CONTEXT_AFTER);
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = source.lineText(n).trimEnd();
    let code = esc(raw);
    if (n === target.line && target.column !== undefined && target.column >= 1 && target.column <= raw.length + 1) {
      const start = target.column - 1;
      const end = markEnd(raw, target);
      code = `${esc(raw.slice(0, start))}<mark>${esc(raw.slice(start, end))}</mark>${esc(raw.slice(end))}`;
    }
    const cls = n === target.line ? 'ln hit' : 'ln';
    rows.push(`<span class="${cls}"><span class="no" aria-hidden="true">${n}</span>${code}</span>`);
  }
  return `<figure class="frame">${caption}<pre tabindex="0"><code>${rows.join('')}</code></pre></figure>`;
}
