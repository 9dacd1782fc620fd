import type { KubernetesResource, Policy } from './define-policy.js';
import type { PolicySandbox } from './policy-sandbox.js';

interface PolicyOrigin {
  /** Project-relative file of a project policy; for built-ins, a label such as `builtin:no-latest-tag`. */
  file: string;
  builtin: boolean;
}

/**
 * A policy given as an object (built-ins, and policies an embedder passes in code through
 * `policyLoader`): it runs in this thread; a synchronous loop is interrupted, but code after an
 * `await` is the embedder's own and cannot be stopped.
 */
export interface InProcessPolicy extends Policy<KubernetesResource>, PolicyOrigin {}

/** A project policy file's policy: it runs in the policy worker and is stopped for real. */
export interface IsolatedPolicy extends Omit<Policy<KubernetesResource>, 'check'>, PolicyOrigin {
  isolated: { sandbox: PolicySandbox; index: number };
}

/** A policy ready to run, with where it came from. */
export type LoadedPolicy = InProcessPolicy | IsolatedPolicy;
