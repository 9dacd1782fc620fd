import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { labelSelectorMatches } from './support/label-selector.js';
import { podLabels } from './support/workload.js';

export const selectorMismatch = definePolicy({
  id: 'selector-mismatch',
  title: "A workload's selector must match its pod template",
  severity: 'error',
  description:
    'A Deployment, StatefulSet, DaemonSet or ReplicaSet `spec.selector` selects the labels of its own pod template; otherwise ' +
    'the API server rejects it (or, for a changed selector, the controller orphans the old pods).',
  remediation: 'Make `spec.selector.matchLabels` a subset of `spec.template.metadata.labels`.',
  match: { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  check(resource, ctx) {
    const spec = resource['spec'];
    if (!isRecord(spec) || !isRecord(spec['selector'])) return;
    if (labelSelectorMatches(spec['selector'], podLabels(resource), false)) return;
    ctx.report({ message: 'spec.selector does not match the labels of spec.template', path: ['spec', 'selector'] });
  },
});
