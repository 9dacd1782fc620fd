import * as path from 'node:path';
import { nodeFs, type ProjectFs } from '../core/project-fs.js';
import type { CheckResult } from './check-manifests.js';
import { checkRendered } from './check-rendered.js';
import {
  affectedFormations,
  readStagedSnapshot,
  stagedProjectFs,
  unstagedPolicies,
  type AffectedFormations,
  type StagedSnapshot,
  type StagedState,
} from './precommit.js';
import type { PolicyLoader } from './project-policies.js';
import { loadProject, type Project } from './project.js';
import { projectSecrets } from './project-secrets.js';
import { renderProject } from './render-project.js';

export interface PrecommitCheckOptions {
  /** Project root inside the work tree. */
  root: string;
  state: StagedState;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  now: Date;
  failOn: 'error' | 'warning';
  policyLoader?: PolicyLoader;
  /** See `LoadProjectOptions.cacheDir`. */
  cacheDir?: string;
  /** Where policies and other non-indexed files are read (default: the real work tree). */
  workTree?: ProjectFs;
  /** The index and HEAD, when the caller started reading them already (default: read here). */
  snapshot?: Promise<StagedSnapshot> | StagedSnapshot;
}

export interface PrecommitCheckResult {
  /** The staged project (its `fs` serves code frames of staged content). */
  project: Project;
  affected: AffectedFormations;
  /** Formations checked; empty when the staged change affects none (then `check` is absent). */
  formations: string[];
  check?: CheckResult;
  /** Policy files with unstaged edits (policies always run from the work tree). */
  unstagedPolicies: string[];
}

/**
 * `copperplate precommit` as a library call: renders (secrets redacted) the staged content of
 * the formations the staged change affects and checks them against their rendering at HEAD.
 */
export async function precommitCheck(options: PrecommitCheckOptions): Promise<PrecommitCheckResult> {
  const { root, state } = options;
  const snapshot = await (options.snapshot ?? readStagedSnapshot(root, state));
  const workTree = options.workTree ?? nodeFs;
  // started now, awaited last: git runs while the project renders
  const policies = workTree.listFiles(path.join(root, 'policies')).length > 0 ? unstagedPolicies(root) : Promise.resolve([]);
  const project = await loadProject({
    root,
    fs: stagedProjectFs(root, snapshot.index, workTree),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  });
  const affected = affectedFormations(project, state.files);
  const staged = new Set(state.files);
  // a staged file that does not even load (config, stencil syntax) is reported even if it selects nothing
  const brokenStaged = project.diagnostics.some((d) => d.severity === 'error' && (d.file === undefined || staged.has(d.file)));
  const formations = brokenStaged && affected.formations.length === 0 ? [...project.formations] : affected.formations;
  if (formations.length === 0 && !brokenStaged) return { project, affected, formations, unstagedPolicies: await policies };

  const rendered = await renderProject(project, {
    formations,
    ...projectSecrets(project, 'redact', { env: options.env, homeDir: options.homeDir }),
  });
  const check = await checkRendered(project, rendered, {
    baseline: snapshot.head ? { fs: snapshot.head, label: 'HEAD' } : undefined,
    now: options.now,
    failOn: options.failOn,
    ...(options.policyLoader ? { policyLoader: options.policyLoader } : {}),
  });
  return { project, affected, formations, check, unstagedPolicies: await policies };
}
