import type { KubernetesResource, Policy } from './define-policy.js';

/** A policy ready to run, with where it came from. */
export interface LoadedPolicy extends Policy<KubernetesResource> {
  /** Project-relative file of a project policy; for built-ins, a label such as `builtin:no-latest-tag`. */
  file: string;
  builtin: boolean;
}
