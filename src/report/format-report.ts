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
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report, options);
    case 'sarif':
      return formatSarif(report, options);
    case 'junit':
      return formatJunit(report, options);
    case 'github':
      return formatGithub(report, options);
    case 'markdown':
      return formatMarkdown(report, options);
    case 'html':
      return formatHtml(report, options);
    default:
      throw new CopperplateError('FORMAT_UNKNOWN', `unknown report format ${JSON.stringify(format as string)}`);
  }
}
