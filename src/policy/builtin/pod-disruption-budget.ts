import { definePolicy } from '../define-policy.js';
import { getPath } from '../json-value.js';
import { runsToCompletion } from '../workload-shape.js';
import { labelSelectorMatches } from './support/label-selector.js';
import { resourceIndex } from './support/resource-index.js';
import { declaredReplicas, namespaceOf, podLabels, resourceName } from './support/workload.js';

export const podDisruptionBudget = definePolicy({
  id: 'pod-disruption-budget',
  title: 'Replicated workloads should have a PodDisruptionBudget',
  severity: 'warning',
  description:
    'A workload with `spec.replicas` above 1 (Deployment, StatefulSet, Argo Rollout, DeploymentConfig, …) has its pods selected by a PodDisruptionBudget of the same ' +
    'namespace among the checked resources, so node drains keep it available.',
  remediation: 'Add a PodDisruptionBudget whose selector matches the pod template labels (e.g. `maxUnavailable: 1`).',
  match: { workloads: true },
  check(resource, ctx) {
    const replicas = declaredReplicas(resource);
    if (replicas === undefined || replicas <= 1 || runsToCompletion(resource)) return;
    const labels = podLabels(resource);
    const budgets = resourceIndex(ctx).byKind(namespaceOf(resource, ctx), 'PodDisruptionBudget');
    if (budgets.some((pdb) => labelSelectorMatches(getPath(pdb, ['spec', 'selector']), labels, false))) return;
    ctx.report({ message: `${resourceName(resource)} runs ${replicas} replicas and no PodDisruptionBudget selects them`, path: ['spec', 'replicas'] });
  },
});
