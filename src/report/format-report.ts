import { CopperplateError } from '../core/copperplate-error.js';
import type { Report } from '../core/report.js';
import type { FormatOptions, ReportFormat } from './format-options.js';
import { formatGithub } from './github-report.js';
import { formatHtml } from './html-report.js';
import { formatJson } from './json-report.js';
import { formatJunit } from './junit-report.js';
import { formatMarkdown } from './markdown-report.js';
import { formatSarif } from './sarif-report.js';
import { formatText } from './text-report.js';

/**
 * A report in one format, deterministic (same report → same bytes) and ending in a newline.
 * Synchronous: the markdown format loads Handlebars on first use only. Throws
 * CopperplateError `REPORT_TEMPLATE_INVALID` when a user's markdown template fails.
 */
export function formatReport(report: Report, format: ReportFormat, options: FormatOptions): string {
  if (!Object.hasOwn(FORMATTERS, format)) throw new CopperplateError('FORMAT_UNKNOWN', `unknown report format ${JSON.stringify(format as string)}`);
  return FORMATTERS[format](report, options);
}

const FORMATTERS: Record<ReportFormat, (report: Report, options: FormatOptions) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
  html: formatHtml,
};
