export type ReportFormat = 'text' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown' | 'html';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'];

/** What a report needs to know about a policy; built-in and user policies both provide it. */
export interface RuleMeta {
  id: string;
  title: string;
  severity: string;
  remediation?: string;
  description?: string;
  helpUri?: string;
}

export interface FormatOptions {
  /** ANSI colours for `text`. */
  color: boolean;
  /** Project-relative file → its text, for code frames; undefined when unavailable. */
  readSource?: (file: string) => string | undefined;
  /** Handlebars source replacing the default markdown template. */
  template?: string;
  /** Policy metadata for SARIF rules and markdown. */
  rules?: readonly RuleMeta[];
  /** Overrides `report.tool.version`. */
  toolVersion?: string;
  /** `text`: only blocking diagnostics and findings, and the summary line. */
  quiet?: boolean;
  /** `text`: one entry for a stencil problem that several formations share (see condense-findings.ts). */
  condense?: boolean;
}
