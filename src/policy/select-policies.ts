import type { KubernetesResource, Policy } from './define-policy.js';
import type { LoadedPolicy } from './loaded-policy.js';

/** A shipped policy as the runner takes it; its `file` is a label, not a path. */
export function asBuiltin(policy: Policy<KubernetesResource>): LoadedPolicy {
  return { ...policy, file: `builtin:${policy.id}`, builtin: true };
}

/**
 * The policies a run uses (SPEC §8): enabled built-ins, except those a project policy of the
 * same id replaces, then the project's policies; ids in `disable` are left out either way.
 * Order: by id, so reports do not depend on load order.
 */
export function selectPolicies(
  builtins: readonly LoadedPolicy[],
  project: readonly LoadedPolicy[],
  options: { disable?: readonly string[] } = {},
): LoadedPolicy[] {
  const disabled = new Set(options.disable ?? []);
  const projectIds = new Set(project.map((p) => p.id));
  const chosen = [...builtins.filter((b) => !projectIds.has(b.id)), ...project].filter((p) => !disabled.has(p.id));
  return chosen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
