import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { declaredReplicas, podSpec, REPLICATED_KINDS, resourceName } from './support/workload.js';

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

export const podAntiAffinity = definePolicy({
  id: 'pod-anti-affinity',
  title: 'Replicas should be spread across nodes',
  severity: 'warning',
  description:
    'A Deployment, StatefulSet or ReplicaSet with `spec.replicas` above 1 sets a pod anti-affinity term (required or ' +
    'preferred) or `topologySpreadConstraints`, so one node failure does not take down every replica.',
  remediation:
    'Add `topologySpreadConstraints` (topologyKey `kubernetes.io/hostname`) or a preferred `podAntiAffinity` on the pod labels.',
  match: { kinds: REPLICATED_KINDS },
  check(resource, ctx) {
    const replicas = declaredReplicas(resource);
    if (replicas === undefined || replicas <= 1) return;
    const spec = podSpec(resource) ?? {};
    if (nonEmpty(spec['topologySpreadConstraints'])) return;
    const affinity = isRecord(spec['affinity']) ? spec['affinity'] : {};
    const anti = isRecord(affinity['podAntiAffinity']) ? affinity['podAntiAffinity'] : {};
    if (nonEmpty(anti['requiredDuringSchedulingIgnoredDuringExecution']) || nonEmpty(anti['preferredDuringSchedulingIgnoredDuringExecution'])) return;
    ctx.report({ message: `${resourceName(resource)} runs ${replicas} replicas with no anti-affinity or topology spread`, path: ['spec', 'replicas'] });
  },
});
