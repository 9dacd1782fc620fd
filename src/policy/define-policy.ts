import type { Container } from 'kubernetes-types/core/v1.d.ts';
import type { JsonPath } from '../core/manifest.js';

/** A path as segments (`['spec', 'containers', 0]`) or as text (`spec.containers[0]`, `metadata.labels["app.kubernetes.io/name"]`). */
export type PathLike = JsonPath | string;

export type PolicySeverity = 'error' | 'warning' | 'info' | 'signoff';

/** A rendered Kubernetes resource as a policy sees it (secrets are stand-ins). */
export interface KubernetesResource {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Which resources a policy looks at; every listed criterion must hold. */
export interface PolicyMatch {
  kinds?: readonly string[];
  /** `apps/v1`, or a group wildcard `apps/*`. */
  apiVersions?: readonly string[];
  namespaces?: readonly string[];
  /** Every label must be present with this value. */
  labels?: Readonly<Record<string, string>>;
  /**
   * `true`: only workloads, found by shape (a Pod, or a pod template at `spec.template.spec` or
   * `spec.jobTemplate.spec.template.spec`), so Argo Rollouts and DeploymentConfigs match too;
   * `false`: only resources that are not workloads.
   */
  workloads?: boolean;
}

export interface ContainerRef {
  value: Container;
  /** Path of the container within the resource, e.g. ['spec','template','spec','containers',0]. */
  path: (string | number)[];
  type: 'container' | 'initContainer' | 'ephemeralContainer';
}

export interface ImageRef {
  /** Registry host; `docker.io` when the reference names none. */
  registry: string;
  /** Repository without registry, e.g. `library/nginx`, `acme/web`. */
  repository: string;
  /** Tag; `latest` when the reference has neither tag nor digest. */
  tag: string | undefined;
  digest: string | undefined;
}

export interface FormationInfo {
  name: string;
  environment: string;
  /** `kubernetesVersion` is the one the formation declares, if any. */
  destination: { context?: string; namespace?: string; kubernetesVersion?: string };
}

export interface ReportInput {
  message: string;
  /** Path within the resource the finding is about; default: the resource itself. */
  path?: PathLike;
  /** Previous and new value, for change-aware findings; part of a sign-off's fingerprint. */
  from?: unknown;
  to?: unknown;
  /** Sub-rule id, for policies that check several things (shown as the finding's `code`). */
  code?: string;
  /** Overrides the policy's severity for this finding. */
  severity?: PolicySeverity;
}

export interface PolicyContext<R = KubernetesResource> {
  /** The same resource in the baseline (paired by group, kind, namespace, name), if any. */
  readonly previous: R | undefined;
  /** True when the value at `path` differs from the baseline (or there is no baseline resource). */
  changed(path: PathLike): boolean;
  /** Value at `path` of the resource (or of `from`), undefined when missing. */
  get(path: PathLike, from?: unknown): unknown;
  /** Every rendered resource of the formation (or input), for cross-resource rules. */
  readonly resources: readonly KubernetesResource[];
  /** The formation being checked; undefined for `validate` of plain manifests. */
  readonly formation: FormationInfo | undefined;
  /** Every container incl. init and ephemeral of a workload (found by shape, any kind); `[]` for other resources. */
  containers(resource: object): ContainerRef[];
  image(ref: string): ImageRef;
  report(finding: ReportInput): void;
}

export interface Policy<R = KubernetesResource> {
  /** Unique, kebab-case. */
  id: string;
  title: string;
  severity: PolicySeverity;
  remediation?: string;
  description?: string;
  /** Where the policy is documented: an absolute http(s) URL. Reports link each finding there. */
  docs?: string;
  match?: PolicyMatch;
  /** Per-resource time limit in ms (default 5000). */
  timeoutMs?: number;
  check(resource: R, ctx: PolicyContext<R>): void | Promise<void>;
}

/** Identity function that gives policy authors types and editor help. */
export function definePolicy<R = KubernetesResource>(policy: Policy<R>): Policy<R> {
  return policy;
}
