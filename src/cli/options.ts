import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Output } from './output.js';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Reads `--values` files (relative to the working directory); reports unreadable ones. */
export function readValuesFiles(files: readonly string[], cwd: string, out: Output): { file: string; text: string }[] | undefined {
  const result: { file: string; text: string }[] = [];
  for (const f of files) {
    try {
      result.push({ file: f, text: fs.readFileSync(path.resolve(cwd, f), 'utf8') });
    } catch {
      out.io.stderr(`${f}: error VALUES_FILE_NOT_FOUND: cannot read values file\n`);
      return undefined;
    }
  }
  return result;
}
