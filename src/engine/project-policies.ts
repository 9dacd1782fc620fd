import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import type { ProjectFs } from '../core/project-fs.js';
import { asBuiltin, isPolicyFile, loadPolicies, PolicySandbox, selectPolicies, type LoadedPolicy } from '../policy/index.js';
import { resolveBuiltins } from '../policy/builtin/index.js';
import type { Project } from './project.js';

/**
 * Loads project policy files; injectable so embedders can supply policies their own way (as
 * objects, which then run in-process). `close`, when given, is called once the run's policies
 * are done and returns what they wrote to the console.
 */
export type PolicyLoader = (
  files: readonly string[],
  options: { projectRoot: string; cacheDir?: string; mask?: readonly string[] },
) => Promise<LoadedPolicySet>;

export interface LoadedPolicySet {
  policies: LoadedPolicy[];
  diagnostics: Diagnostic[];
  close?: () => Promise<{ output: string; truncated: boolean }>;
}

/** The per-user cache of transpiled policies within the run's cache directory. */
function policyCache(cacheDir: string | undefined): { cacheDir?: string } {
  return cacheDir !== undefined ? { cacheDir: path.join(cacheDir, 'policies') } : {};
}

export interface StartedPolicyLoader {
  loader: PolicyLoader;
  release: () => Promise<void>;
}

/**
 * The default loader with its policy worker started now, for a run that will check the project
 * at `root` (policy files read from `fs`): starting a worker (a Node thread, then jiti) takes
 * longer than rendering a small project, so it starts while the caller renders instead of after.
 * Undefined when there are no policy files. `release` stops the worker when the run ends
 * without loading them (a render error, no checks); after a check it has nothing left to do.
 */
export function startPolicyLoader(root: string, fs: ProjectFs, cacheDir: string | undefined): StartedPolicyLoader | undefined {
  if (!fs.listFiles(path.join(root, 'policies')).some(isPolicyFile)) return undefined;
  const sandbox = new PolicySandbox(policyCache(cacheDir)).start();
  return {
    loader: (files, options) => loadPolicies(files, { ...options, sandbox }),
    release: async () => {
      await sandbox.close();
    },
  };
}

/**
 * Runs `run` with the caller's policy loader or, for a run that checks, the default one started
 * now (see `startPolicyLoader`); its worker is stopped when `run` ends.
 */
export async function withPolicyLoader<T>(project: Project, given: PolicyLoader | undefined, checks: boolean, run: (loader: PolicyLoader | undefined) => Promise<T>): Promise<T> {
  const started = given === undefined && checks ? startPolicyLoader(project.root, project.fs, project.cacheDir) : undefined;
  try {
    return await run(given ?? started?.loader);
  } finally {
    await started?.release();
  }
}

/**
 * The policies a check runs: enabled built-ins (`builtinPolicies` minus `disablePolicies`),
 * replaced by project policies of the same id, plus every project policy under policies/.
 */
export async function projectPolicies(project: Project, loader: PolicyLoader = loadPolicies, mask: readonly string[] = []): Promise<LoadedPolicySet> {
  const diagnostics: Diagnostic[] = [];
  const { config } = project;
  const builtins = resolveBuiltins(config.builtinPolicies);
  for (const name of builtins.unknown) {
    diagnostics.push(diagnostic('CONFIG_INVALID', `builtinPolicies: unknown pack or built-in policy \`${name}\``, { file: 'copperplate.yaml', line: 1, column: 1 }));
  }
  const dir = path.join(project.root, 'policies');
  const files: string[] = [];
  for (const f of project.fs.listFiles(dir).filter(isPolicyFile)) {
    // a policy file is loaded (and so run) only when it is a regular file inside the project
    const read = readProjectFile(project.fs, project.root, path.join(dir, f));
    if (read.ok) files.push(path.join(dir, f));
    else diagnostics.push(fileDiagnostic(read, { file: `policies/${f}`, line: 1, column: 1 }));
  }
  // a project read from a commit loads the copies of that commit's policies (same relative paths)
  const policyRoot = project.policyRoot ?? project.root;
  const toLoad = files.map((f) => path.join(policyRoot, path.relative(project.root, f)));
  const loaded: LoadedPolicySet = toLoad.length > 0 ? await loader(toLoad, { projectRoot: policyRoot, ...policyCache(project.cacheDir), mask }) : { policies: [], diagnostics: [] };
  diagnostics.push(...loaded.diagnostics);
  const policies = selectPolicies(builtins.policies.map(asBuiltin), loaded.policies, { disable: config.disablePolicies });
  return loaded.close ? { policies, diagnostics, close: loaded.close } : { policies, diagnostics };
}
