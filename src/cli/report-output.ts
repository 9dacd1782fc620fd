import * as fs from 'node:fs';
import { projectSourceReader } from '../core/project-file.js';
import { nodeFs } from '../core/project-fs.js';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import type { CheckResult } from '../engine/check-manifests.js';
import { toolVersion } from '../engine/version.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
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
 * Writes the report in every requested format (after what the policies printed, on stderr). Targets without a file go to `stream`
 * (stdout for check/validate; stderr for render, whose stdout is the manifest stream).
 */
export async function writeReports(
  result: Pick<CheckResult, 'report' | 'rules'> & { policyOutput?: string },
  targets: readonly ReportTarget[],
  out: Output,
  options: { cwd: string; projectRoot: string; template?: string; stream: 'stdout' | 'stderr' },
): Promise<void> {
  // what policies printed (masked by the engine) goes to stderr, never into stdout's report
  if (result.policyOutput) out.io.stderr(result.policyOutput);
  const readSource = projectSourceReader(nodeFs, options.projectRoot);
  let template: string | undefined;
  if (options.template !== undefined) {
    try {
      template = fs.readFileSync(path.resolve(options.cwd, options.template), 'utf8');
    } catch (e) {
      throw new CopperplateError('TEMPLATE_NOT_FOUND', `cannot read --template ${options.template}`, { cause: e });
    }
  }
  for (const t of targets) {
    const text = await formatReport(result.report, t.format, {
      color: t.file === undefined && out.color,
      readSource,
      rules: result.rules,
      toolVersion: toolVersion(),
      quiet: Boolean(out.globals.quiet),
      ...(template !== undefined ? { template } : {}),
    });
    if (t.file !== undefined) {
      writeOutputFile(path.resolve(options.cwd, t.file), text, `the ${t.format} report`);
    } else if (options.stream === 'stdout') out.io.stdout(text);
    else out.io.stderr(text);
  }
}
