import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { readBounded } from '../core/project-file.js';
import { memoryFs, nodeFs, type ProjectFs } from '../core/project-fs.js';
import { gitAsync as git, isProjectFile, parseBlobBatch } from './git-fs.js';
import type { Project } from './project.js';

/** Staged paths that can change a check's result at all (before the project is loaded). */
const MAYBE_RELEVANT = /^((stencils|formations|crds|policies|secrets|\.copperplate)\/.+|[^/]+\.(ya?ml|json))$/;

/** Why a formation is checked: the staged files that affect it. */
export interface AffectedFormations {
  /** Formation names to check, sorted. */
  formations: string[];
  /** Whether a project-wide file changed (config, approvals, policies, CRDs, values schema). */
  all: boolean;
  /** The staged project files that affect at least one formation (project-relative). */
  relevant: string[];
}

/** Git facts a pre-commit run starts from. */
export interface StagedState {
  /** Top of the work tree. */
  top: string;
  /** Staged paths (added, modified, deleted; renames as delete + add), project-relative, `/`-separated. */
  files: string[];
  /** Whether HEAD is a commit (false in a repository with no commits yet). */
  hasHead: boolean;
}

/**
 * The staged change of the project at `root`, or undefined outside a git work tree. Reads the
 * index git uses for this commit (git sets GIT_INDEX_FILE for `git commit FILE…` and `-a`;
 * child processes inherit it). Two git processes, run in parallel: a hook runs on every commit.
 */
export async function stagedState(root: string): Promise<StagedState | undefined> {
  const revParse = git(root, ['rev-parse', '--show-toplevel', 'HEAD']).then(
    (b) => b.toString('utf8'),
    // no commit yet: rev-parse still printed the top level before failing on HEAD
    (e: { stdout?: Buffer }) => String(e.stdout ?? ''),
  );
  // --no-renames: a moved stencil is a deletion (formations that selected it) and an addition.
  // Paths are relative to the top of the work tree whatever the cwd.
  const diff = git(root, ['diff', '--cached', '--name-only', '--no-renames', '-z']).then(
    (b) => b.toString('utf8'),
    () => undefined,
  );
  const [out, names] = await Promise.all([revParse, diff]);
  const [top, head] = out.split('\n');
  if (!top || names === undefined) return undefined;
  const hasHead = /^[0-9a-f]{40,64}$/.test(head ?? '');
  const prefix = projectPrefix(top, root);
  const files: string[] = [];
  for (const p of names.split('\0')) {
    if (p === '') continue;
    if (prefix === '') files.push(p);
    else if (p.startsWith(`${prefix}/`)) files.push(p.slice(prefix.length + 1));
  }
  return { top, files: files.sort(), hasHead };
}

/** Whether any staged path could matter to the project before loading it (the fast no-op). */
export function mayAffectProject(files: readonly string[]): boolean {
  return files.some((f) => MAYBE_RELEVANT.test(f));
}

/**
 * Policy files (project-relative) with unstaged edits: a pre-commit run loads policies from
 * the work tree, so the user is told when that differs from what will be committed.
 */
export async function unstagedPolicies(root: string): Promise<string[]> {
  try {
    const out = (await git(root, ['diff', '--name-only', '-z', '--relative', '--', 'policies'])).toString('utf8');
    return out.split('\0').filter(Boolean).sort();
  } catch {
    return [];
  }
}

/**
 * The project file system of a pre-commit run: staged content for the project files
 * (`isProjectFile`), the work tree for the rest: policies/, which run as code with their own
 * imports, `schemaLocations` directories, a relocated approvals file.
 */
export function stagedProjectFs(root: string, index: ProjectFs, workTree: ProjectFs = nodeFs): ProjectFs {
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const inIndex = (abs: string): boolean => {
    const r = rel(abs);
    return !r.startsWith('..') && isProjectFile(r);
  };
  const staged: ProjectFs = {
    readFile: (abs) => (inIndex(abs) ? index.readFile(abs) : workTree.readFile(abs)),
    listFiles(absDir) {
      const r = rel(absDir);
      const top = r.split('/')[0] ?? '';
      if (['stencils', 'formations', 'crds', 'secrets'].includes(top)) return index.listFiles(absDir);
      return workTree.listFiles(absDir);
    },
  };
  const { realPath, readRegular } = workTree;
  // staged blobs are never followed as links: they resolve to where they sit in the project
  if (realPath) {
    staged.realPath = (abs) =>
      inIndex(abs) ? (index.readFile(abs) === undefined ? undefined : path.join(realPath(root) ?? root, rel(abs))) : realPath(abs);
  }
  if (readRegular) staged.readRegular = (abs, max) => (inIndex(abs) ? readBounded(index, abs, max) : readRegular(abs, max));
  return staged;
}

/** The project's directory within the work tree, `/`-separated ('' at the top). */
function projectPrefix(top: string, root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // a root that does not exist yet is compared as given
  }
  return path.relative(top, real).split(path.sep).join('/');
}

/** The staged project and the one committed at HEAD (absent before the first commit). */
export interface StagedSnapshot {
  index: ProjectFs;
  head: ProjectFs | undefined;
}

/**
 * Reads the project files of the index and of HEAD with one `git cat-file --batch`: both
 * trees share most blobs, and each is read once.
 */
export async function readStagedSnapshot(root: string, state: StagedState): Promise<StagedSnapshot> {
  const prefix = projectPrefix(state.top, root);
  const projectPath = (p: string): string | undefined => (prefix === '' ? p : p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined);
  // ls-files from the project root lists only its files (--full-name: top-relative paths)
  const listing = (await git(root, ['ls-files', '-s', '-z', '--full-name'])).toString('utf8');
  const index = new Map<string, string>();
  for (const line of listing.split('\0')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const [mode, object] = line.slice(0, tab).split(' ');
    const rel = projectPath(line.slice(tab + 1));
    // submodules (160000) are commits of another repository, not files of this project
    if (object !== undefined && mode !== '160000' && rel !== undefined && isProjectFile(rel)) index.set(rel, object);
  }
  // HEAD differs from the index only in the staged paths: ask for just those (`HEAD:path`)
  // instead of listing the whole tree, which is slow in a large repository
  const headChanged = state.hasHead ? state.files.filter((f) => isProjectFile(f) && !f.includes('\n')) : [];
  const requests = [...new Set(index.values()), ...headChanged.map((f) => `HEAD:${prefix === '' ? f : `${prefix}/${f}`}`)];
  const blobs = requests.length > 0 ? parseBlobBatch(await git(root, ['cat-file', '--batch'], `${requests.join('\n')}\n`), requests) : new Map<string, string>();
  const indexFiles = new Map<string, string>();
  for (const [rel, object] of index) {
    const text = blobs.get(object);
    if (text !== undefined) indexFiles.set(path.join(root, rel), text);
  }
  if (!state.hasHead) return { index: memoryFs(indexFiles), head: undefined };
  const headFiles = new Map(indexFiles);
  for (const f of headChanged) {
    const text = blobs.get(`HEAD:${prefix === '' ? f : `${prefix}/${f}`}`);
    if (text === undefined) headFiles.delete(path.join(root, f));
    else headFiles.set(path.join(root, f), text);
  }
  return { index: memoryFs(indexFiles), head: memoryFs(headFiles) };
}

/**
 * Which formations a staged change affects (SPEC §7 `precommit`):
 * - a stencil → the formations that select it (a deleted stencil → every formation, since
 *   a glob may now match nothing);
 * - a layer (`formations/_x.yaml`) → the formations whose extends chain includes it;
 * - a formation file → itself;
 * - copperplate.yaml, the approvals file, the allowed-signers file, policies/, crds/,
 *   formations/values.schema.json and secrets/ → every formation.
 * A formation that does not resolve is always included, so its errors are reported.
 */
export function affectedFormations(project: Project, staged: readonly string[]): AffectedFormations {
  const approvals = path.posix.normalize(project.config.approvals.split(path.sep).join('/'));
  const signers = project.config.approvalSigning && path.posix.normalize(project.config.approvalSigning.allowedSigners.split(path.sep).join('/'));
  const projectWide = (f: string): boolean =>
    f === 'copperplate.yaml' ||
    f === approvals ||
    f === signers ||
    f === 'formations/values.schema.json' ||
    /^(policies|crds|secrets)\//.test(f);
  const isStencil = (f: string): boolean => /^stencils\/.*\.ya?ml$/.test(f) && !path.posix.basename(f).startsWith('_');
  const isFormationFile = (f: string): boolean => /^formations\/.*\.ya?ml$/.test(f);

  const relevant = new Set<string>();
  let all = false;
  const stencils = new Set<string>();
  const formationFiles = new Set<string>();
  const stencilFiles = new Set(project.stencils.map((s) => s.file));
  for (const f of staged) {
    if (projectWide(f)) {
      all = true;
      relevant.add(f);
    } else if (isStencil(f)) {
      if (!stencilFiles.has(f)) all = true; // deleted: every glob that matched it may now match nothing
      stencils.add(f);
    } else if (isFormationFile(f)) {
      formationFiles.add(f);
    }
  }

  const chosen = new Set<string>();
  for (const name of project.formations) {
    const resolved = project.loader.resolve(name, project.stencils);
    const formation = resolved.formation;
    if (!formation) {
      // unresolvable: report its errors whenever any of its files may be involved
      if (all || staged.some((f) => f.startsWith('formations/') || isStencil(f))) chosen.add(name);
      continue;
    }
    if (all) chosen.add(name);
    for (const layer of formation.layers) {
      if (formationFiles.has(layer)) {
        chosen.add(name);
        relevant.add(layer);
      }
    }
    for (const s of formation.stencils) {
      if (stencils.has(s.file)) {
        chosen.add(name);
        relevant.add(s.file);
      }
    }
  }
  if (all) for (const s of stencils) relevant.add(s);
  // a deleted layer or formation file: formations that extended it no longer resolve (chosen above)
  for (const f of formationFiles) if (project.fs.readFile(path.join(project.root, f)) === undefined) relevant.add(f);
  return { formations: [...chosen].sort(), all, relevant: [...relevant].sort() };
}
