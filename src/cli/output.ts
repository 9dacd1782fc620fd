import { sortDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import type { CliIO, GlobalOptions } from './cli-io.js';

/** How one command run talks to the terminal. */
export class Output {
  readonly color: boolean;
  constructor(
    readonly io: CliIO,
    readonly globals: GlobalOptions,
  ) {
    const mode = globals.color ?? 'auto';
    this.color = mode === 'always' || (mode === 'auto' && io.isTTY && io.env['NO_COLOR'] === undefined);
  }

  /** Diagnostics to stderr (warnings hidden by --quiet). */
  diagnostics(diagnostics: readonly Diagnostic[]): void {
    const shown = sortDiagnostics(diagnostics).filter((d) => !this.globals.quiet || d.severity === 'error');
    for (const d of shown) this.io.stderr(formatDiagnosticLine(d));
  }

  info(text: string): void {
    if (!this.globals.quiet) this.io.stderr(text.endsWith('\n') ? text : `${text}\n`);
  }
}

export function formatDiagnosticLine(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
  const formation = d.formation ? ` [${d.formation}]` : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}${d.severity} ${d.code}${formation}: ${d.message}${hint}\n`;
}
