import { Option, type Command } from 'commander';
import { collect } from './options.js';

/** Flags shared by the commands that run checks and write reports. */
export interface ReportFlags {
  format: string[];
  template?: string;
  failOn: 'error' | 'warning';
}

export interface BaselineFlags {
  baseline?: string;
  baselineDir?: string;
}

export function addReportFlags(cmd: Command): Command {
  return cmd
    .option('--format <format[=file]>', 'report format: text, json, sarif, junit, github, markdown, html; repeatable, =FILE writes a file', collect, [])
    .option('--template <file>', 'Handlebars template replacing the markdown report template')
    .addOption(new Option('--fail-on <severity>', 'lowest finding severity that fails the run').choices(['error', 'warning']).default('error'));
}

export function addBaselineFlags(cmd: Command): Command {
  return cmd
    .option('--baseline <ref>', 'git ref whose rendering is the previous version (e.g. origin/main)')
    .option('--baseline-dir <dir>', 'directory of previously rendered manifests: <dir>/<formation>.yaml');
}
