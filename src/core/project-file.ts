import * as path from 'node:path';
import { diagnostic, type Diagnostic, type Location } from './diagnostic.js';
import { MAX_FILE_BYTES, nodeFs, relativePath, type FileRead, type ProjectFs } from './project-fs.js';


export type ProjectFileCode = 'PATH_OUTSIDE_PROJECT' | 'FILE_UNREADABLE';

export type ProjectFileRead =
  | { ok: true; text: string; abs: string }
  | { ok: false; code: ProjectFileCode; message: string; missing: boolean };

export interface ProjectFileOptions {
  /**
   * Absolute directories outside the project that may be read too (`allowOutsidePaths` in
   * copperplate.yaml, for `file:` and `sops:` references only).
   */
  allowOutside?: readonly string[];
  /** How the path is named in messages (default: project-relative). Never the symlink target. */
  display?: string;
  maxBytes?: number;
}

/**
 * The one way a path that a project file names is read (SPEC §4): it must stay inside the
 * project root, lexically and after symbolic links, and be a regular file of bounded size.
 * The answer is the text or a problem; nothing of a refused file is ever returned, so no code
 * frame or message can quote it. A path outside the project is refused before the file system
 * is asked, so the answer does not tell whether an outside file exists.
 */
export function readProjectFile(fs: ProjectFs, root: string, absPath: string, options: ProjectFileOptions = {}): ProjectFileRead {
  const abs = path.resolve(root, absPath);
  const display = options.display ?? relativePath(root, abs);
  const roots = [path.resolve(root), ...(options.allowOutside ?? []).filter((d) => path.isAbsolute(d)).map((d) => path.resolve(d))];
  const refuse = (code: ProjectFileCode, message: string, missing = false): ProjectFileRead => ({ ok: false, code, message, missing });
  const outside = (): ProjectFileRead =>
    refuse(
      'PATH_OUTSIDE_PROJECT',
      `${display} is outside the project${roots.length > 1 ? ' and the allowed directories' : ''}: copperplate reads only files inside the project root${options.allowOutside ? ' (and under allowOutsidePaths)' : ''}`,
    );
  if (!roots.some((r) => isWithin(r, abs))) return outside();
  // allowed directories outside the project are the machine's (/run/secrets), whatever file
  // system the project itself is read from
  if (!isWithin(roots[0] as string, abs)) fs = nodeFs;
  if (fs.realPath) {
    const real = fs.realPath(abs);
    if (real === undefined) {
      // a dangling link was put there on purpose: unlike an absent optional file, it is an error
      if (fs.isLink?.(abs) === true) return refuse('FILE_UNREADABLE', `${display} is a dangling symbolic link`);
      return refuse('FILE_UNREADABLE', `${display} does not exist`, true);
    }
    const realRoots = roots.map((r) => fs.realPath?.(r) ?? r);
    if (!realRoots.some((r) => isWithin(r, real))) return outside();
  }
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const read = fs.readRegular ? fs.readRegular(abs, maxBytes) : readBounded(fs, abs, maxBytes);
  if ('text' in read) return { ok: true, text: read.text, abs };
  switch (read.problem) {
    case 'missing':
      return refuse('FILE_UNREADABLE', `${display} does not exist`, true);
    case 'not-regular':
      return refuse('FILE_UNREADABLE', `${display} is not a regular file`);
    case 'too-large':
      return refuse('FILE_UNREADABLE', `${display} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
    default:
      return refuse('FILE_UNREADABLE', `${display} cannot be read`);
  }
}

/** `readRegular` of a file system without special files (memory, git): a size check. */
export function readBounded(fs: Pick<ProjectFs, 'readFile'>, abs: string, maxBytes: number): FileRead {
  const text = fs.readFile(abs);
  if (text === undefined) return { problem: 'missing' };
  return Buffer.byteLength(text) > maxBytes ? { problem: 'too-large' } : { text };
}

/** True when `p` is `dir` or below it (both absolute and normalized). */
export function isWithin(dir: string, p: string): boolean {
  // `dir` itself is the relative path ''
  const rel = path.relative(dir, p);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** A refused read as a diagnostic at the place that named the file (or the file itself). */
export function fileDiagnostic(read: Extract<ProjectFileRead, { ok: false }>, at: Location | undefined, formation?: string): Diagnostic {
  return diagnostic(read.code, read.message, at, {
    formation,
    hint:
      read.code === 'PATH_OUTSIDE_PROJECT'
        ? 'paths in a project (also through symbolic links) must stay inside the project root'
        : undefined,
  });
}

/**
 * Reads project files for code frames. Only files inside the project are ever quoted: a
 * diagnostic whose file is a link out of the project (or `../x`) gets no frame.
 */
export function projectSourceReader(fs: ProjectFs, root: string): (file: string) => string | undefined {
  return (file) => {
    const read = readProjectFile(fs, root, path.resolve(root, file));
    return read.ok ? read.text : undefined;
  };
}
