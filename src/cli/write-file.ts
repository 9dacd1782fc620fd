import * as fs from 'node:fs';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';

/**
 * Writes a file the user asked for (`--format F=FILE`, `init`, `approve`), creating its
 * directory. Any failure (a full disk, `/dev/full`, a directory in the way, a parent that is a
 * file) is the diagnostic `WRITE_FAILED` naming the file and the system's reason, never a crash.
 */
export function writeOutputFile(target: string, text: string, what: string): void {
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (e) {
    throw new CopperplateError('WRITE_FAILED', `cannot write ${what} to ${target}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
}
