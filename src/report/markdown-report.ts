import { createRequire } from 'node:module';
import { CopperplateError } from '../core/copperplate-error.js';
import type { Report } from '../core/report.js';
import type { FormatOptions } from './format-options.js';
import { markdownContext } from './markdown-context.js';
import type { MarkdownContext } from './markdown-context.js';
import { DEFAULT_MARKDOWN_TEMPLATE } from './markdown-template.js';

type HandlebarsModule = typeof import('handlebars');
type Template = (context: MarkdownContext) => string;

let engine: HandlebarsModule | undefined;
let defaultTemplate: Template | undefined;

/** Loaded on first use, so that every other format starts without it. */
function handlebars(): HandlebarsModule {
  if (engine !== undefined) return engine;
  const require = createRequire(import.meta.url);
  const hb = (require('handlebars') as HandlebarsModule).create();
  hb.registerHelper('cell', (value: unknown) => new hb.SafeString(tableCell(hb, value)));
  hb.registerHelper('inlineCode', (value: unknown) => new hb.SafeString(inlineCode(value)));
  engine = hb;
  return hb;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** HTML-escaped, `|` escaped, line breaks as `<br>`: safe inside a GFM table cell. */
function tableCell(hb: HandlebarsModule, value: unknown): string {
  return hb.Utils.escapeExpression(text(value).trim())
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/**
 * A code span whose fence is longer than any backtick run inside it. Code spans show text
 * verbatim (entities are not decoded), so the text is not HTML-escaped; `|` is still escaped
 * because GFM splits table cells before it parses code spans.
 */
function inlineCode(value: unknown): string {
  const t = text(value).replace(/\r?\n/g, ' ');
  if (t === '') return '';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function compile(source: string): Template {
  const hb = handlebars();
  return hb.compile<MarkdownContext>(source, { noEscape: false });
}

export function formatMarkdown(report: Report, options: FormatOptions): string {
  const context = markdownContext(report, options);
  const custom = options.template !== undefined;
  try {
    const template = custom ? compile(options.template ?? '') : (defaultTemplate ??= compile(DEFAULT_MARKDOWN_TEMPLATE));
    const out = template(context);
    // Only the built-in template is tidied; a user's template gets exactly what it asked for.
    return custom ? out : out.replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\n*$/, '\n');
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new CopperplateError('REPORT_TEMPLATE_INVALID', `markdown template: ${detail}`, { cause });
  }
}
