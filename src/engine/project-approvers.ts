import * as path from 'node:path';
import { readProjectFile } from '../core/project-file.js';
import type { SignoffApprovers } from '../core/signoff-approvers.js';
import { CODEOWNERS_LOCATIONS, CODEOWNERS_MAX_BYTES, signoffApprovers, type ApprovalSigning } from '../policy/index.js';
import type { Project } from './project.js';

/**
 * Who must sign the project's sign-offs (SPEC §5.4): the CODEOWNERS of the git repository that
 * holds the project (GitHub's locations, read through the project's file system and never
 * followed out of the repository) and the project's `approvalSigning`.
 */
export function projectApprovers(project: Project, signing: ApprovalSigning | undefined): SignoffApprovers {
  const top = repositoryTop(project);
  const base = top ?? project.root;
  const approvals = path.relative(base, path.resolve(project.root, project.config.approvals)).split(path.sep).join('/');
  let codeowners: { file: string; text: string } | undefined;
  for (const file of top === undefined ? [] : CODEOWNERS_LOCATIONS) {
    const read = readProjectFile(project.fs, base, path.join(base, file), { maxBytes: CODEOWNERS_MAX_BYTES });
    if (read.ok) {
      codeowners = { file, text: read.text };
      break;
    }
  }
  const config = project.config.approvalSigning;
  return signoffApprovers({
    approvals,
    inRepository: top !== undefined,
    ...(codeowners ? { codeowners } : {}),
    ...(config && signing ? { signing: { file: config.allowedSigners, signers: signing.signers, require: signing.require } } : {}),
  });
}

/** The nearest directory at or above the project root with a `.git` (a directory, or a worktree's file). */
function repositoryTop(project: Project): string | undefined {
  let dir = path.resolve(project.root);
  for (;;) {
    const marker = path.join(dir, '.git');
    if (project.fs.realPath?.(marker) !== undefined || project.fs.readFile(marker) !== undefined) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
