import type { KubernetesResource, PolicyContext } from '../../define-policy.js';
import { isWorkload } from '../../workload-shape.js';
import { namespaceOf, podLabels } from './workload.js';

export interface PodGroup {
  resource: KubernetesResource;
  labels: Record<string, string>;
}

/** Resources of one run grouped by namespace and kind, built once per `ctx.resources`. */
export interface ResourceIndex {
  byKind(namespace: string, kind: string): readonly KubernetesResource[];
  /** Workloads of a namespace with the labels their pods get. */
  pods(namespace: string): readonly PodGroup[];
}

const cache = new WeakMap<readonly KubernetesResource[], ResourceIndex>();

/**
 * Cross-resource rules run once per resource; indexing the run's resources once keeps them
 * linear over thousands of resources instead of quadratic.
 */
export function resourceIndex(ctx: Pick<PolicyContext, 'resources' | 'formation'>): ResourceIndex {
  const cached = cache.get(ctx.resources);
  if (cached !== undefined) return cached;
  const kinds = new Map<string, KubernetesResource[]>();
  const pods = new Map<string, PodGroup[]>();
  for (const r of ctx.resources) {
    if (typeof r?.kind !== 'string' || typeof r.metadata !== 'object' || r.metadata === null) continue;
    const ns = namespaceOf(r, ctx);
    push(kinds, `${ns}\u0000${r.kind}`, r);
    if (isWorkload(r)) push(pods, ns, { resource: r, labels: podLabels(r) });
  }
  const index: ResourceIndex = {
    byKind: (ns, kind) => kinds.get(`${ns}\u0000${kind}`) ?? [],
    pods: (ns) => pods.get(ns) ?? [],
  };
  cache.set(ctx.resources, index);
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
