import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The file system a project is read from. Injected so that the same loader reads the work
 * tree, a git commit (baselines), the git index (pre-commit) or an in-memory project (tests,
 * embedders). Paths are absolute; listings are project-style posix paths relative to `dir`.
 */
export interface ProjectFs {
  readFile(absPath: string): string | undefined;
  /** Every file below `dir`, recursively, relative to it, with `/` separators, sorted. */
  listFiles(absDir: string): string[];
}

export const nodeFs: ProjectFs = {
  readFile(absPath) {
    try {
      return fs.readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
  listFiles(absDir) {
    let entries: string[];
    try {
      entries = fs.readdirSync(absDir, { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    const files: string[] = [];
    for (const e of entries) {
      const rel = e.split(path.sep).join('/');
      if (rel.split('/').some((part) => part === 'node_modules' || part.startsWith('.'))) continue;
      try {
        if (fs.statSync(path.join(absDir, e)).isFile()) files.push(rel);
      } catch {
        // vanished between listing and stat: not a file any more
      }
    }
    return files.sort();
  },
};

/** A project held in memory: keys are absolute paths. */
export function memoryFs(files: ReadonlyMap<string, string> | Record<string, string>): ProjectFs {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return {
    readFile: (p) => map.get(path.resolve(p)) ?? map.get(p),
    listFiles(absDir) {
      const prefix = absDir.endsWith('/') ? absDir : `${absDir}/`;
      const out: string[] = [];
      for (const key of map.keys()) if (key.startsWith(prefix)) out.push(key.slice(prefix.length));
      return out.sort();
    },
  };
}

/** Project-relative posix path for messages and reports. */
export function relativePath(root: string, absPath: string): string {
  const rel = path.relative(root, absPath).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}
