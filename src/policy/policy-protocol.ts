import type { FormationInfo, KubernetesResource, Policy } from './define-policy.js';
import type { RawReport } from './policy-context.js';

/** What the engine keeps of a policy that runs in the worker: everything but `check`. */
export type PolicyInfo = Omit<Policy<KubernetesResource>, 'check'>;

/** A thrown value, flattened where it was thrown. */
export interface ErrorInfo {
  text: string;
  stack?: string;
}

export interface WorkerData {
  /** `copperplate/policy` as this copy of copperplate has it. */
  policyEntry: string;
  cacheDir?: string;
  /** Node's compile cache directory of the engine's thread (Node ≥ 22.1), for this thread's too. */
  compileCache?: string;
  /** [0]: index of the resource being checked (-1: none), for naming it when stopped. */
  progress: SharedArrayBuffer;
}

export type ToWorker =
  | { kind: 'load'; file: string }
  | { kind: 'unit'; resources: KubernetesResource[]; previous: (KubernetesResource | undefined)[]; formation: FormationInfo | undefined }
  | { kind: 'run'; index: number; targets: number[] }
  /** Flush the console output and exit. */
  | { kind: 'close' };

/** One default-exported value of a policy file: a policy (then `index` to run it by) or problems. */
export interface Candidate {
  problems: string[];
  id?: string;
  index?: number;
  info?: PolicyInfo;
}

export type FromWorker =
  /** Sent once when the worker is set up: policy time limits start counting after it. */
  | { kind: 'ready' }
  /** The resources of a `unit` message are in place (copying them is not a policy's time). */
  | { kind: 'unit-set' }
  | { kind: 'loaded'; error?: ErrorInfo; array: boolean; candidates: Candidate[] }
  | { kind: 'ran'; reports: { target: number; report: RawReport }[]; errors: { target: number; error: ErrorInfo }[] };
