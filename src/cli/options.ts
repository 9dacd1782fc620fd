import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { ValueOverrides } from '../render/index.js';
import type { Output } from './output.js';
import { decodeUtf8 } from '../core/text-decode.js';

export interface ValueFlags {
  set: string[];
  values: string[];
}

/** `--set` and `--values`, for every command that renders formations. */
export function addValueFlags(cmd: Command): Command {
  return cmd
    .option('--set <path=value>', 'set a value (YAML scalar); repeatable', collect, [])
    .option('--values <file>', 'values file merged after the layers; repeatable', collect, []);
}

/** The overrides the flags ask for; undefined (after reporting) when a values file is unreadable. */
export function valueOverrides(flags: ValueFlags, cwd: string, out: Output): ValueOverrides | undefined {
  const valuesFiles = readValuesFiles(flags.values, cwd, out);
  return valuesFiles ? { set: flags.set, valuesFiles } : undefined;
}

export interface RefFlags {
  /** `--ref REF`: the project as it was at that git commit. */
  ref?: string;
}

/** `--ref REF` for render, check, diff and explain (SPEC §7). */
export function addRefFlag(cmd: Command): Command {
  return cmd.option('--ref <ref>', 'the project as it was at this git commit (stencils, formations, policies, config): the rollback path');
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Reads `--values` files (relative to the working directory); reports unreadable ones. */
function readValuesFiles(files: readonly string[], cwd: string, out: Output): { file: string; text: string }[] | undefined {
  const result: { file: string; text: string }[] = [];
  for (const f of files) {
    try {
      result.push({ file: f, text: decodeUtf8(fs.readFileSync(path.resolve(cwd, f))) });
    } catch {
      out.error('VALUES_FILE_NOT_FOUND', `cannot read values file ${f}`);
      return undefined;
    }
  }
  return result;
}
