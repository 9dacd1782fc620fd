import { definePolicy } from '../define-policy.js';
import { existingPath, isSet } from './support/json-path.js';
import { containerName, isAppContainer } from './support/workload.js';

export const memoryRequests = definePolicy({
  id: 'memory-requests',
  title: 'Containers must request memory',
  severity: 'warning',
  description: 'Every app container (and native sidecar) sets `resources.requests.memory`, so the scheduler knows what it needs. ' +
    'A memory limit alone counts (Kubernetes then requests the limit). Init containers are not checked.',
  remediation: 'Set `resources.requests.memory` on the container from its observed usage.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (!isAppContainer(c)) continue;
      const resources = c.value.resources;
      if (isSet(resources?.requests?.['memory']) || isSet(resources?.limits?.['memory'])) continue;
      ctx.report({
        message: `container ${containerName(c)} has no memory request`,
        path: existingPath(resource, [...c.path, 'resources', 'requests', 'memory'], c.path.length),
      });
    }
  },
});
