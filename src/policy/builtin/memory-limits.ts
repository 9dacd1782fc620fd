import { definePolicy } from '../define-policy.js';
import { existingPath, isSet } from './support/json-path.js';
import { containerName, isAppContainer } from './support/workload.js';

export const memoryLimits = definePolicy({
  id: 'memory-limits',
  title: 'Containers must limit memory',
  severity: 'warning',
  description: 'Every app container (and native sidecar) sets `resources.limits.memory`, so a leak kills the container rather than starving the node. ' +
    'Init containers are not checked.',
  remediation: 'Set `resources.limits.memory` on the container from its observed usage.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (!isAppContainer(c)) continue;
      const resources = c.value.resources;
      if (isSet(resources?.limits?.['memory'])) continue;
      ctx.report({
        message: `container ${containerName(c)} has no memory limit`,
        path: existingPath(resource, [...c.path, 'resources', 'limits', 'memory'], c.path.length),
      });
    }
  },
});
