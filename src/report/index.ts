export { formatReport } from './format-report.js';
export { formatDiagnosticText } from './text-report.js';
export { REPORT_FORMATS } from './format-options.js';
export type { FormatOptions, ReportFormat, RuleMeta } from './format-options.js';
export { DEFAULT_MARKDOWN_TEMPLATE } from './markdown-template.js';
export type { MarkdownContext, MarkdownDiagnostic, MarkdownFinding } from './markdown-context.js';
export { summaryLine } from './summary-line.js';
export { formatApprovalList } from './approval-list-report.js';
