import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { podTemplatePath } from '../workload-shape.js';
import { workloadSelectorMatches } from './support/label-selector.js';
import { podLabels } from './support/workload.js';

export const selectorMismatch = definePolicy({
  id: 'selector-mismatch',
  title: "A workload's selector must match its pod template",
  severity: 'error',
  description:
    'A workload\'s `spec.selector` (a LabelSelector, or the plain label map of a ReplicationController or DeploymentConfig) ' +
    'selects the labels of its own pod template; otherwise the API server rejects it (or, for a changed selector, the ' +
    'controller orphans the old pods).',
  remediation: 'Make `spec.selector.matchLabels` a subset of `spec.template.metadata.labels`.',
  match: { workloads: true },
  check(resource, ctx) {
    const spec = resource['spec'];
    const template = podTemplatePath(resource);
    if (!isRecord(spec) || !isRecord(spec['selector']) || template === undefined || template.length === 0) return;
    if (workloadSelectorMatches(spec['selector'], podLabels(resource))) return;
    ctx.report({ message: 'spec.selector does not match the labels of spec.template', path: ['spec', 'selector'] });
  },
});
