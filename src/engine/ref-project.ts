import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitTreeFs, resolveCommit } from './git-fs.js';
import { loadProject, type Project } from './project.js';

/** A project read from a commit; `dispose` removes the policy copies it wrote. */
export interface RefProject {
  project: Project;
  /** The full commit id the ref named. */
  commit: string;
  dispose(): void;
}

/**
 * The project as it was at `ref` (SPEC §7 `--ref`, the rollback path): stencils, formations,
 * CRDs, config, approvals and policies of that commit, read through git without touching the
 * work tree. Policies run as code, so that commit's policy files are written to a private
 * temporary directory and loaded from there; secrets are still resolved from today's backends.
 */
export async function loadProjectAtRef(root: string, ref: string, options: { cacheDir?: string } = {}): Promise<RefProject> {
  const commit = resolveCommit(root, ref, 'ref');
  const treeFs = gitTreeFs(root, commit, { use: 'ref', policies: true });
  const project = await loadProject({ root, fs: treeFs, ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }) });
  project.revision = commit;
  const policyFiles = treeFs.listFiles(path.join(root, 'policies'));
  if (policyFiles.length === 0) return { project, commit, dispose: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copperplate-ref-'));
  for (const rel of policyFiles) {
    const text = treeFs.readFile(path.join(root, 'policies', rel));
    if (text === undefined) continue;
    const target = path.join(dir, 'policies', rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, { mode: 0o600 });
  }
  project.policyRoot = dir;
  return { project, commit, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
