import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { mapSelectorMatches } from './support/label-selector.js';
import { resourceIndex } from './support/resource-index.js';
import { namespaceOf, resourceName } from './support/workload.js';

export const danglingService = definePolicy({
  id: 'dangling-service',
  title: 'Services should select some pods',
  severity: 'warning',
  description:
    'A Service with a `spec.selector` selects the pods of at least one workload of the same namespace among the checked ' +
    'resources. Services without a selector (manual Endpoints) and ExternalName Services are skipped. Opt-in because ' +
    '`validate` of partial input cannot see every workload.',
  remediation: 'Fix the selector (or the pod template labels) so that they match.',
  match: { kinds: ['Service'] },
  check(resource, ctx) {
    const spec = resource['spec'];
    if (!isRecord(spec) || spec['type'] === 'ExternalName') return;
    const selector = spec['selector'];
    if (!isRecord(selector) || Object.keys(selector).length === 0) return;
    const pods = resourceIndex(ctx).pods(namespaceOf(resource, ctx));
    if (pods.some((p) => mapSelectorMatches(selector, p.labels))) return;
    ctx.report({ message: `${resourceName(resource)} selects no pods of the checked workloads`, path: ['spec', 'selector'] });
  },
});
