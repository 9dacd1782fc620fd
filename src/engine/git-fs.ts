import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { memoryFs, type ProjectFs } from '../core/project-fs.js';
import { decodeUtf8 } from '../core/text-decode.js';

/** Files of a project a render reads; everything else in the repository is never loaded. */
const PROJECT_FILE = /^(copperplate\.yaml|approvals\.yaml|(stencils|formations|crds)\/.*\.(ya?ml|json)|secrets\/.*)$/;
/** Policy sources too, for a run of the whole project as it was at a commit (`--ref`). */
const PROJECT_FILE_WITH_POLICIES = /^(copperplate\.yaml|approvals\.yaml|(stencils|formations|crds)\/.*\.(ya?ml|json)|(secrets|policies)\/.*)$/;

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0] ?? '';
    throw new CopperplateError('GIT_FAILED', `git ${args[0]} failed in ${cwd}: ${stderr || 'is this a git repository?'}`, { cause: e });
  }
}

/** `git rev-parse ARGS` run in `dir`: its output lines, or undefined when git fails (not a repository, no git). */
export function gitRevParse(dir: string, args: readonly string[]): string[] | undefined {
  try {
    return execFileSync('git', ['rev-parse', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n');
  } catch {
    return undefined;
  }
}

/** Top of the git work tree containing `dir`, or undefined outside one. */
export function gitTopLevel(dir: string): string | undefined {
  return gitRevParse(dir, ['--show-toplevel'])?.[0];
}

/** Reads blobs in one `git cat-file --batch` call (one process, not one per file). */
function readBlobs(top: string, entries: readonly { path: string; object: string }[]): ProjectFs {
  const files = new Map<string, string>();
  if (entries.length > 0) {
    const out = git(top, ['cat-file', '--batch'], `${entries.map((e) => e.object).join('\n')}\n`);
    let offset = 0;
    for (const entry of entries) {
      const headerEnd = out.indexOf(0x0a, offset);
      const header = out.subarray(offset, headerEnd).toString();
      const size = Number(header.split(' ')[2]);
      const start = headerEnd + 1;
      files.set(path.join(top, entry.path), decodeUtf8(out.subarray(start, start + size)));
      offset = start + size + 1;
    }
  }
  return memoryFs(files);
}

function projectEntries(top: string, root: string, lines: readonly { path: string; object: string }[], pattern = PROJECT_FILE) {
  const prefix = path.relative(top, root).split(path.sep).join('/');
  return lines.filter((l) => {
    const rel = prefix === '' ? l.path : l.path.startsWith(`${prefix}/`) ? l.path.slice(prefix.length + 1) : undefined;
    return rel !== undefined && pattern.test(rel);
  });
}

/** What a git ref is used for, for its error messages and code. */
export type RefUse = 'baseline' | 'ref';

/** The full commit id `ref` names (`HEAD~1`, a tag, a branch, a short id). */
export function resolveCommit(root: string, ref: string, use: RefUse = 'ref'): string {
  const top = gitTopLevel(root);
  if (!top) throw new CopperplateError('GIT_FAILED', `--${use} ${ref} needs a git repository, and ${root} is not in one`);
  try {
    // `--end-of-options` keeps a ref like `--output=x` from being read as an option
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: top, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch (e) {
    const code = use === 'baseline' ? 'BASELINE_NOT_FOUND' : 'REF_NOT_FOUND';
    throw new CopperplateError(code, `${use === 'baseline' ? 'baseline' : '--ref'} ${ref} is not a commit in ${top}`, { cause: e });
  }
}

/**
 * The project as committed at `ref` (for `--baseline REF`; with `policies`, for `--ref REF`,
 * which runs the policies of that commit too).
 */
export function gitTreeFs(root: string, ref: string, options: { use?: RefUse; policies?: boolean } = {}): ProjectFs {
  const top = gitTopLevel(root);
  const use = options.use ?? 'baseline';
  if (!top) throw new CopperplateError('GIT_FAILED', `--${use} ${ref} needs a git repository, and ${root} is not in one`);
  const commit = resolveCommit(root, ref, use);
  const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8');
  const lines = listing
    .split('\0')
    .filter(Boolean)
    .map((l) => {
      const [meta, p] = l.split('\t') as [string, string];
      const [, type, object] = meta.split(' ') as [string, string, string];
      return { path: p, object, type };
    })
    .filter((l) => l.type === 'blob');
  return readBlobs(top, projectEntries(top, root, lines, options.policies ? PROJECT_FILE_WITH_POLICIES : PROJECT_FILE));
}

/**
 * The revision a render of the work tree comes from (SPEC §2.3 stamp): HEAD's commit, with
 * `-dirty` when any file under the project differs from it (staged, unstaged or untracked but
 * not ignored); undefined outside git or before the first commit.
 */
export function workTreeRevision(root: string): string | undefined {
  const top = gitTopLevel(root);
  if (!top) return undefined;
  let head: string;
  try {
    head = execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: top, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
  const changed = git(top, ['status', '--porcelain', '-z', '--untracked-files=all', '--', path.relative(top, root) || '.']).length > 0;
  return changed ? `${head}-dirty` : head;
}

/** The project as staged in the git index (for `precommit`). */
export function gitIndexFs(root: string): ProjectFs {
  const top = gitTopLevel(root);
  if (!top) throw new CopperplateError('GIT_FAILED', `${root} is not in a git repository`);
  const listing = git(top, ['ls-files', '-s', '-z']).toString('utf8');
  const lines = listing
    .split('\0')
    .filter(Boolean)
    .map((l) => {
      const [meta, p] = l.split('\t') as [string, string];
      const [, object] = meta.split(' ') as [string, string];
      return { path: p, object };
    });
  return readBlobs(top, projectEntries(top, root, lines));
}
