import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { memoryFs, type ProjectFs } from '../core/project-fs.js';
import { decodeUtf8 } from '../core/text-decode.js';

// The one git module: running git, reading blobs, and which repository files are project files.

/**
 * Files of a project (project-relative, `/`-separated) that a render reads from a commit or the
 * index; everything else in the repository is never loaded. With `policies`, policy sources
 * too, for a run of the whole project as it was at a commit (`--ref`).
 */
export function isProjectFile(rel: string, options: { policies?: boolean } = {}): boolean {
  return /^(copperplate\.yaml|approvals\.yaml|(stencils|formations|crds)\/.*\.(ya?ml|json)|secrets\/.*)$/.test(rel) || (options.policies === true && rel.startsWith('policies/'));
}

/** Runs git, failing with GIT_FAILED and the first line git wrote to stderr. */
export function git(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0] ?? '';
    throw new CopperplateError('GIT_FAILED', `git ${args[0]} failed in ${cwd}: ${stderr || 'is this a git repository?'}`, { cause: e });
  }
}

/**
 * Runs git without blocking the event loop: a pre-commit hook overlaps git's processes with
 * loading its own modules. Rejects with the exit code and stdout on failure.
 */
export function gitAsync(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(chunks);
      if (code === 0) resolve(stdout);
      else reject(Object.assign(new Error(`git ${args[0]} exited ${code}`), { code, stdout }));
    });
    child.stdin.on('error', () => {
      // git exited before reading all input; its exit code tells
    });
    child.stdin.end(input);
  });
}

/**
 * The texts of `git cat-file --batch` output for `requests` (object ids or `rev:path`), in
 * one process for all of them; a missing object is absent from the map.
 */
export function parseBlobBatch(out: Buffer, requests: readonly string[]): Map<string, string> {
  const blobs = new Map<string, string>();
  let offset = 0;
  for (const request of requests) {
    const headerEnd = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, headerEnd).toString();
    if (header.endsWith(' missing')) {
      offset = headerEnd + 1;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const start = headerEnd + 1;
    blobs.set(request, decodeUtf8(out.subarray(start, start + size)));
    offset = start + size + 1;
  }
  return blobs;
}

/** `git rev-parse ARGS` run in `dir`: its output lines, or undefined when git fails (not a repository, no git). */
export function gitRevParse(dir: string, args: readonly string[]): string[] | undefined {
  try {
    return git(dir, ['rev-parse', ...args]).toString().trim().split('\n');
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
    const objects = entries.map((e) => e.object);
    const blobs = parseBlobBatch(git(top, ['cat-file', '--batch'], `${objects.join('\n')}\n`), objects);
    for (const entry of entries) {
      const text = blobs.get(entry.object);
      if (text !== undefined) files.set(path.join(top, entry.path), text);
    }
  }
  return memoryFs(files);
}

function projectEntries(top: string, root: string, lines: readonly { path: string; object: string }[], policies: boolean) {
  const prefix = path.relative(top, root).split(path.sep).join('/');
  return lines.filter((l) => {
    const rel = prefix === '' ? l.path : l.path.startsWith(`${prefix}/`) ? l.path.slice(prefix.length + 1) : undefined;
    return rel !== undefined && isProjectFile(rel, { policies });
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
    return git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).toString().trim();
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
  return readBlobs(top, projectEntries(top, root, lines, options.policies === true));
}

/**
 * The revision a render of the work tree comes from (SPEC §2.3 stamp): HEAD's commit, with
 * `-dirty` when any file under the project differs from it (staged, unstaged or untracked but
 * not ignored); undefined outside git or before the first commit.
 */
export function workTreeRevision(root: string): string | undefined {
  const top = gitTopLevel(root);
  if (!top) return undefined;
  const head = gitRevParse(top, ['--verify', '--quiet', 'HEAD^{commit}'])?.[0];
  if (!head) return undefined;
  const changed = git(top, ['status', '--porcelain', '-z', '--untracked-files=all', '--', path.relative(top, root) || '.']).length > 0;
  return changed ? `${head}-dirty` : head;
}
