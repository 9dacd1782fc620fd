import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { nodeFs, type ProjectFs } from '../core/project-fs.js';
import { buildReport, type FailOn } from '../core/report.js';
import type { RunResult } from './check-manifests.js';
import type { HostOptions } from './host-options.js';
import { mayAffectProject, readStagedSnapshot, stagedState } from './precommit.js';
import type { Project } from './project.js';
import { toolVersion } from './version.js';

export interface PrecommitApiOptions extends HostOptions {
  /** Project root inside the work tree. */
  root: string;
  failOn?: FailOn;
  /** See `LoadProjectOptions.cacheDir` (default: nothing is cached). */
  cacheDir?: string;
  /** Where policies and other non-indexed files are read (default: the real work tree). */
  workTree?: ProjectFs;
}

export interface PrecommitApiResult extends RunResult {
  /** Why nothing was checked, when nothing was. */
  skipped?: 'no-project-change' | 'no-formation-affected';
  /** Formations checked. */
  formations: string[];
  /** The staged project files that affect the checked formations (else every staged path). */
  changed: string[];
  /** Policy files with unstaged edits (policies always run from the work tree). */
  unstagedPolicies: string[];
  /** The staged project, when loaded: its `fs` serves code frames of the staged content. */
  project?: Project;
}

/**
 * The library form of `copperplate precommit`: renders (secrets redacted) the staged content
 * of the formations the staged change affects and checks them against HEAD. Git runs in its
 * own processes while the checking modules load: a hook runs on every commit.
 */
export async function precommit(options: PrecommitApiOptions): Promise<PrecommitApiResult> {
  const { root } = options;
  const stateRead = stagedState(root);
  const workTree = options.workTree ?? nodeFs;
  const withPolicies = workTree.listFiles(path.join(root, 'policies')).length > 0;
  const modules = loadModules();
  // policies run from the work tree: their worker (a Node thread, then jiti) takes longer to
  // start than git and the rendering take, so it starts first; a commit that does not touch
  // the project stops it unused
  const started = withPolicies && options.policyLoader === undefined ? (await import('./project-policies.js')).startPolicyLoader(root, workTree, options.cacheDir) : undefined;
  try {
    const state = await stateRead;
    const nothing = (extra: Partial<PrecommitApiResult>, diagnostics: Diagnostic[] = []): PrecommitApiResult => ({
      report: buildReport({ toolVersion: toolVersion(), formations: 0, resources: 0, diagnostics, findings: [], failOn: options.failOn }),
      rules: [],
      policyOutput: '',
      formations: [],
      changed: state?.files ?? [],
      unstagedPolicies: [],
      ...extra,
    });
    if (!state) return nothing({}, [diagnostic('PRECOMMIT_NOT_GIT', `${root} is not inside a git work tree`)]);
    if (!mayAffectProject(state.files)) return nothing({ skipped: 'no-project-change' });
    const snapshot = await readStagedSnapshot(root, state);
    const [{ loadProject }, { affectedFormations, stagedProjectFs, unstagedPolicies }, { renderProject }, { checkRendered }, { renderOptions }] = await modules;
    // started now, awaited last: git runs while the project renders
    const policies = withPolicies ? unstagedPolicies(root) : Promise.resolve([]);
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
    const changed = affected.relevant.length > 0 ? affected.relevant : state.files;
    if (formations.length === 0 && !brokenStaged) return nothing({ skipped: 'no-formation-affected', project, changed, unstagedPolicies: await policies });

    const rendered = await renderProject(project, renderOptions(project, { ...options, formations }, 'redact'));
    const checked = await checkRendered(project, rendered, {
      baseline: snapshot.head ? { fs: snapshot.head, label: 'HEAD' } : undefined,
      now: options.now ? options.now() : new Date(),
      failOn: options.failOn,
      policyLoader: options.policyLoader ?? started?.loader,
    });
    return { ...checked, formations, changed, unstagedPolicies: await policies, project };
  } finally {
    await started?.release();
  }
}

/** Everything a check needs beyond the git steps: it loads while git works. */
function loadModules() {
  const modules = Promise.all([
    import('./project.js'),
    import('./precommit.js'),
    import('./render-project.js'),
    import('./check-rendered.js'),
    import('./host-options.js'),
  ]);
  modules.catch(() => {
    // awaited by the check; a no-op run never needs them
  });
  return modules;
}
