import { diagnostic, type Diagnostic, type DiagnosticCode } from '../core/diagnostic.js';
import { projectSourceReader } from '../core/project-file.js';
import { nodeFs } from '../core/project-fs.js';
// the text formatter only: the other report formats load when a command writes them
import { formatDiagnosticText } from '../report/text-report.js';
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

  /** Diagnostics (in the order given: a report's) to stderr with code frames from files under `root` (warnings hidden by --quiet). */
  diagnostics(diagnostics: readonly Diagnostic[], root?: string): void {
    const shown = diagnostics.filter((d) => !this.globals.quiet || d.severity === 'error');
    const readSource = root === undefined ? () => undefined : projectSourceReader(nodeFs, root);
    for (const d of shown) this.io.stderr(formatDiagnosticText(d, { color: this.color, readSource }));
  }

  /** A problem with no source position (a flag, a missing file), printed like every diagnostic; returns exit code 2. */
  error(code: DiagnosticCode, message: string, hint?: string): 2 {
    this.diagnostics([diagnostic(code, message, undefined, { hint })]);
    return 2;
  }

  info(text: string): void {
    if (!this.globals.quiet) this.io.stderr(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** Commander's output: help goes through `io`; its errors are reported by `run` as USAGE diagnostics. */
export function usageOutput(io: CliIO): { writeOut: (s: string) => void; writeErr: (s: string) => void; outputError: () => void } {
  return { writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} };
}
