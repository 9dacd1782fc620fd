export { formatReport } from './format-report.js';
export { formatDiagnosticText } from './text-report.js';
export { REPORT_FORMATS } from './format-options.js';
export type { FormatOptions, ReportFormat, RuleMeta } from './format-options.js';
export { formatApprovalList } from './approval-list-report.js';
