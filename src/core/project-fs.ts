import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8 } from './text-decode.js';

/** Largest file copperplate reads for a project (stencil, formation, policy, sops file, …). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** What reading one file gave: its text, or why not. */
export type FileRead = { text: string } | { problem: 'missing' | 'not-regular' | 'too-large' | 'unreadable' };

/**
 * The file system a project is read from. Injected so that the same loader reads the work
 * tree, a git commit (baselines), the git index (pre-commit) or an in-memory project (tests,
 * embedders). Paths are absolute; listings are project-style posix paths relative to `dir`.
 */
export interface ProjectFs {
  readFile(absPath: string): string | undefined;
  /** Every file below `dir`, recursively, relative to it, with `/` separators, sorted. */
  listFiles(absDir: string): string[];
  /**
   * Where `absPath` leads after symbolic links; undefined when it does not exist. Only file
   * systems that have symbolic links implement it (see `readProjectFile`).
   */
  realPath?(absPath: string): string | undefined;
  /** Whether `absPath` itself is a symbolic link (dangling or not); with `realPath`. */
  isLink?(absPath: string): boolean;
  /** Reads a regular file of at most `maxBytes` without blocking on FIFOs or devices. */
  readRegular?(absPath: string, maxBytes: number): FileRead;
}

export const nodeFs: ProjectFs = {
  readFile(absPath) {
    const read = readRegularFile(absPath, MAX_FILE_BYTES);
    return 'text' in read ? read.text : undefined;
  },
  realPath(absPath) {
    try {
      return fs.realpathSync.native(absPath);
    } catch {
      return undefined;
    }
  },
  isLink(absPath) {
    try {
      return fs.lstatSync(absPath).isSymbolicLink();
    } catch {
      return false;
    }
  },
  readRegular: readRegularFile,
  listFiles(absDir) {
    // One directory at a time: Node 24's recursive readdir descends into links to directories
    // (Node 20's does not), which would list files outside the project, or loop.
    const files: string[] = [];
    const walk = (dir: string, prefix: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const full = path.join(dir, e.name);
        const rel = `${prefix}${e.name}`;
        if (e.isDirectory()) {
          walk(full, `${rel}/`);
          continue;
        }
        // Everything else is listed, so that a dangling link, a FIFO or a link out of the
        // project is reported by the reader rather than silently skipped; links to
        // directories are not followed.
        if (e.isSymbolicLink()) {
          try {
            if (fs.statSync(full).isDirectory()) continue;
          } catch {
            // dangling: listed
          }
        }
        files.push(rel);
      }
    };
    walk(absDir, '');
    return files.sort();
  },
};

/**
 * Opens without blocking (a FIFO would wait for a writer), checks on the open descriptor that
 * it is a regular file, and reads at most `maxBytes` (+1 to notice a file that grew).
 */
function readRegularFile(absPath: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not-regular' };
    if (stat.size > maxBytes) return { problem: 'too-large' };
    const buffer = Buffer.alloc(stat.size + 1);
    // reads on after a short read; once the buffer is full it asks for 0 bytes, which reads 0
    let length = 0;
    let n: number;
    while ((n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0) length += n;
    // a file that changed size while it was read is not read half
    if (length !== stat.size) return { problem: length > maxBytes ? 'too-large' : 'unreadable' };
    return { text: decodeUtf8(buffer.subarray(0, length)) };
  } catch {
    return { problem: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

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
