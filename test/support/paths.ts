import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where the demo project and bin/ live). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/** Replaces absolute, machine-specific paths in `text` by stable placeholders, with `/` separators. */
export function normalizePaths(text: string, replacements: Readonly<Record<string, string>>): string {
  let out = text;
  // longest first, so that a project dir inside the repo is replaced before the repo itself
  for (const [from, to] of Object.entries(replacements).sort((a, b) => b[0].length - a[0].length)) {
    out = out.split(from).join(to);
    const posix = from.split(path.sep).join('/');
    if (posix !== from) out = out.split(posix).join(to);
  }
  return out.replace(/\r\n/g, '\n');
}

/** Fixture case directories named `<prefix><case>`, sorted. */
export async function fixtureCases(prefix: string): Promise<{ name: string; dir: string }[]> {
  const fs = await import('node:fs');
  return fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith(prefix))
    .map((e) => ({ name: e.name.slice(prefix.length), dir: path.join(fixturesDir, e.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
