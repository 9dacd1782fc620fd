import { definePolicy } from '../define-policy.js';
import { getPath } from '../json-value.js';
import { resourceName } from './support/workload.js';

export const noDefaultNamespace = definePolicy({
  id: 'no-default-namespace',
  title: 'Resources should not go to the default namespace',
  severity: 'warning',
  description:
    'No resource sets `metadata.namespace: default`. Resources without a namespace are not reported: cluster-scoped kinds ' +
    'have none, and the formation\'s destination namespace decides the rest.',
  remediation: 'Give the application its own namespace (in the formation\'s `destination.namespace`).',
  check(resource, ctx) {
    if (getPath(resource, ['metadata', 'namespace']) === 'default') {
      ctx.report({ message: `${resourceName(resource)} is in the default namespace`, path: ['metadata', 'namespace'] });
    }
  },
});
