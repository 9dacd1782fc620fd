import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProjectFs } from '../core/project-fs.js';

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
  const inProject = fs.readFile(absPath);
  if (inProject !== undefined) return inProject;
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
}
