import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throw-away directory outside the repository (so no git work tree is above it). */
export function tempDir(prefix = 'copperplate-test-'): { dir: string; remove: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path → text) into a new temp directory. */
export function tempProject(files: Readonly<Record<string, string>>): { dir: string; remove: () => void } {
  const t = tempDir();
  writeFiles(t.dir, files);
  return t;
}

export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

/** Copies a fixture project (every file except test expectations) into a temp directory. */
export function copyProject(from: string, skip: readonly string[] = ['expected.yaml', 'expected.json', 'case.json']): { dir: string; remove: () => void } {
  const t = tempDir();
  fs.cpSync(from, t.dir, { recursive: true, filter: (src) => !skip.includes(path.basename(src)) || path.dirname(src) !== from });
  return t;
}
