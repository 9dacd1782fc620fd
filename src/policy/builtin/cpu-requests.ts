import { definePolicy } from '../define-policy.js';
import { existingPath, isSet } from './support/json-path.js';
import { containerName, isAppContainer } from './support/workload.js';

export const cpuRequests = definePolicy({
  id: 'cpu-requests',
  title: 'Containers must request CPU',
  severity: 'warning',
  description: 'Every app container (and native sidecar) sets `resources.requests.cpu`, so the scheduler knows what it needs. ' +
    'A CPU limit alone counts (Kubernetes then requests the limit). Init containers are not checked.',
  remediation: 'Set `resources.requests.cpu` on the container from its observed usage.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (!isAppContainer(c)) continue;
      const resources = c.value.resources;
      if (isSet(resources?.requests?.['cpu']) || isSet(resources?.limits?.['cpu'])) continue;
      ctx.report({
        message: `container ${containerName(c)} has no cpu request`,
        path: existingPath(resource, [...c.path, 'resources', 'requests', 'cpu'], c.path.length),
      });
    }
  },
});
