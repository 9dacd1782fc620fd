import * as path from 'node:path';
import { nodeFs, type ProjectFs } from '../core/project-fs.js';

/**
 * Absolute path of a user-given path: `~` and `~/…` are relative to `homeDir`, other relative
 * paths to `root`.
 */
export function expandPath(p: string, root: string, homeDir: string): string {
  if (p === '~') return homeDir;
  if (p.startsWith('~/')) return path.join(homeDir, p.slice(2));
  return path.resolve(root, p);
}

/**
 * Reads a key or CI-provided file: through the project file system first (in-memory projects,
 * files inside the project), then from the disk (key files live outside projects).
 */
export function readLocalFile(fs: ProjectFs, absPath: string): string | undefined {
  // bounded, regular files only: a configured key file of /dev/zero or /dev/stdin must not
  // grow or block the run
  return fs.readFile(absPath) ?? nodeFs.readFile(absPath);
}
