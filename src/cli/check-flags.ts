import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { BaselineSource } from '../engine/baseline.js';
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

export function addReportFlags(cmd: Command, options: { template?: boolean } = {}): Command {
  cmd.option('--format <format[=file]>', 'report format: text, json, sarif, junit, github, markdown, html; repeatable, =FILE writes a file', collect, []);
  if (options.template !== false) cmd.option('--template <file>', 'Handlebars template replacing the markdown report template');
  return cmd.addOption(failOnOption('lowest finding severity that fails the run'));
}

export function failOnOption(description: string): Option {
  return new Option('--fail-on <severity>', description).choices(['error', 'warning']).default('error');
}

export function addBaselineFlags(cmd: Command): Command {
  return cmd
    .option('--baseline <ref>', 'git ref whose rendering is the previous version (e.g. origin/main)')
    .option('--baseline-dir <dir>', 'directory of previously rendered manifests: <dir>/<formation>.yaml');
}

export function baselineSource(flags: BaselineFlags, cwd: string): { baseline?: BaselineSource } {
  if (flags.baselineDir !== undefined) return { baseline: { dir: path.resolve(cwd, flags.baselineDir) } };
  if (flags.baseline !== undefined) return { baseline: { ref: flags.baseline } };
  return {};
}
