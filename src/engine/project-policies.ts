import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { loadPolicies, type LoadedPolicy } from '../policy/index.js';
import { resolveBuiltins } from '../policy/builtin/index.js';
import type { Project } from './project.js';

const POLICY_FILE = /\.(ts|mts|js|mjs)$/;

/**
 * The policies a check runs: enabled built-ins (`builtinPolicies` minus `disablePolicies`),
 * replaced by project policies of the same id, plus every project policy under policies/.
 */
export async function projectPolicies(project: Project): Promise<{ policies: LoadedPolicy[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const { config } = project;
  const builtins = resolveBuiltins(config.builtinPolicies);
  for (const name of builtins.unknown) {
    diagnostics.push(diagnostic('CONFIG_INVALID', `builtinPolicies: unknown pack or built-in policy \`${name}\``, { file: 'copperplate.yaml', line: 1, column: 1 }));
  }
  const dir = path.join(project.root, 'policies');
  const files = project.fs
    .listFiles(dir)
    .filter((f) => POLICY_FILE.test(f) && !f.endsWith('.d.ts') && !/\.(test|spec)\.[mc]?[jt]s$/.test(f) && !path.posix.basename(f).startsWith('_'))
    .map((f) => path.join(dir, f));
  const loaded = files.length > 0 ? await loadPolicies(files, { projectRoot: project.root }) : { policies: [], diagnostics: [] };
  diagnostics.push(...loaded.diagnostics);
  const disabled = new Set(config.disablePolicies);
  const projectIds = new Set(loaded.policies.map((p) => p.id));
  const policies: LoadedPolicy[] = [
    ...builtins.policies.filter((p) => !projectIds.has(p.id)).map((p) => ({ ...p, file: `builtin:${p.id}`, builtin: true })),
    ...loaded.policies,
  ].filter((p) => !disabled.has(p.id));
  return { policies, diagnostics };
}
