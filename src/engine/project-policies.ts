import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import { asBuiltin, isPolicyFile, loadPolicies, selectPolicies, type LoadedPolicy } from '../policy/index.js';
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
  const cache = project.cacheDir !== undefined ? { cacheDir: path.join(project.cacheDir, 'policies') } : {};
  const loaded: LoadedPolicySet = toLoad.length > 0 ? await loader(toLoad, { projectRoot: policyRoot, ...cache, mask }) : { policies: [], diagnostics: [] };
  diagnostics.push(...loaded.diagnostics);
  const policies = selectPolicies(builtins.policies.map(asBuiltin), loaded.policies, { disable: config.disablePolicies });
  return loaded.close ? { policies, diagnostics, close: loaded.close } : { policies, diagnostics };
}
