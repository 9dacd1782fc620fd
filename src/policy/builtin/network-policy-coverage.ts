import { definePolicy } from '../define-policy.js';
import { existingPath } from './support/json-path.js';
import { getPath } from '../json-value.js';
import { labelSelectorMatches } from './support/label-selector.js';
import { resourceIndex } from './support/resource-index.js';
import { namespaceOf, podLabels, podSpec, resourceName } from './support/workload.js';
import { podTemplatePath } from '../workload-shape.js';

export const networkPolicyCoverage = definePolicy({
  id: 'network-policy-coverage',
  title: 'Pods should be selected by a NetworkPolicy',
  severity: 'warning',
  description:
    'Every workload\'s pods are selected by the `podSelector` of at least one NetworkPolicy of the same namespace among the ' +
    'checked resources, so they do not accept traffic from anywhere. Pods on the host network (which NetworkPolicies do not ' +
    'cover) are skipped.',
  remediation: 'Add a NetworkPolicy for the namespace (a default-deny with `podSelector: {}` plus allow rules) to the stencils.',
  match: { workloads: true },
  check(resource, ctx) {
    if (podSpec(resource)?.['hostNetwork'] === true) return;
    const template = podTemplatePath(resource);
    if (template === undefined) return;
    const labels = podLabels(resource);
    const policies = resourceIndex(ctx).byKind(namespaceOf(resource, ctx), 'NetworkPolicy');
    if (policies.some((np) => labelSelectorMatches(getPath(np, ['spec', 'podSelector']), labels, true))) return;
    ctx.report({
      message: `no NetworkPolicy selects the pods of ${resourceName(resource)}`,
      path: existingPath(resource, [...template, 'metadata', 'labels']),
    });
  },
});
