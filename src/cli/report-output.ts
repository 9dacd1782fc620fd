import * as fs from 'node:fs';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { projectSourceReader } from '../core/project-file.js';
import type { RunResult } from '../engine/check-manifests.js';
import type { Project } from '../engine/project.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/format-options.js';
import type { Output } from './output.js';
import { writeOutputFile } from './write-file.js';

export interface ReportTarget {
  format: ReportFormat;
  file?: string;
}

/** `--format F[=FILE]`, repeatable; default: text to the terminal. Undefined (after saying why) on an unknown format. */
export function reportTargets(values: readonly string[], out: Output): ReportTarget[] | undefined {
  if (values.length === 0) return [{ format: 'text' }];
  const targets: ReportTarget[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    const format = (eq === -1 ? v : v.slice(0, eq)) as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) {
      out.error('FORMAT_UNKNOWN', `unknown format \`${format}\``, `one of ${REPORT_FORMATS.join(', ')}`);
      return undefined;
    }
    if (eq !== -1 && v.slice(eq + 1) === '') {
      out.error('USAGE', `\`--format ${v}\` names no file`, `write --format ${format}=FILE, or --format ${format} for the terminal`);
      return undefined;
    }
    targets.push(eq === -1 ? { format } : { format, file: v.slice(eq + 1) });
  }
  return targets;
}

/**
 * Prints the report in every requested format, after what the policies printed (on stderr).
 * Targets without a file go to `stream` (stdout for check/validate; stderr for render, whose
 * stdout is the manifest stream). Code frames come from the project's file system (the staged
 * content, for precommit).
 */
export async function writeReports(
  result: RunResult,
  targets: readonly ReportTarget[],
  out: Output,
  options: { project: Project; template?: string | undefined; stream: 'stdout' | 'stderr'; condense?: boolean },
): Promise<void> {
  const { project } = options;
  // what policies printed (masked by the engine) goes to stderr, never into stdout's report
  if (result.policyOutput) out.io.stderr(result.policyOutput);
  let template: string | undefined;
  if (options.template !== undefined) {
    try {
      template = fs.readFileSync(path.resolve(out.io.cwd, options.template), 'utf8');
    } catch (e) {
      throw new CopperplateError('TEMPLATE_NOT_FOUND', `cannot read --template ${options.template}`, { cause: e });
    }
  }
  const { formatReport } = await import('../report/format-report.js');
  for (const t of targets) {
    const text = formatReport(result.report, t.format, {
      color: t.file === undefined && out.color,
      readSource: projectSourceReader(project.fs, project.root),
      rules: result.rules,
      quiet: Boolean(out.globals.quiet),
      condense: t.file === undefined && options.condense === true,
      ...(template !== undefined ? { template } : {}),
    });
    if (t.file !== undefined) {
      writeOutputFile(path.resolve(out.io.cwd, t.file), text, `the ${t.format} report`);
    } else if (options.stream === 'stdout') out.io.stdout(text);
    else out.io.stderr(text);
  }
}
