import { definePolicy, type Policy } from '../define-policy.js';
import { existingPath, isSet } from './support/json-path.js';
import { containerName, isAppContainer } from './support/workload.js';

/**
 * `resources.<requests|limits>.<cpu|memory>` on every app container (and native sidecar); init
 * containers are not checked. For requests a limit alone counts (Kubernetes then requests the limit).
 */
function resourcePolicy(resource: 'cpu' | 'memory', field: 'requests' | 'limits', title: string, description: string): Policy {
  const noun = field === 'requests' ? 'request' : 'limit';
  return definePolicy({
    id: `${resource}-${field}`,
    title,
    severity: 'warning',
    description,
    remediation: `Set \`resources.${field}.${resource}\` on the container from its observed usage.`,
    match: { workloads: true },
    check(r, ctx) {
      for (const c of ctx.containers(r)) {
        if (!isAppContainer(c)) continue;
        const resources = c.value.resources;
        if (isSet(resources?.[field]?.[resource]) || (field === 'requests' && isSet(resources?.limits?.[resource]))) continue;
        ctx.report({
          message: `container ${containerName(c)} has no ${resource} ${noun}`,
          path: existingPath(r, [...c.path, 'resources', field, resource], c.path.length),
        });
      }
    },
  });
}

export const cpuRequests = resourcePolicy(
  'cpu',
  'requests',
  'Containers must request CPU',
  'Every app container (and native sidecar) sets `resources.requests.cpu`, so the scheduler knows what it needs. ' +
    'A CPU limit alone counts (Kubernetes then requests the limit). Init containers are not checked.',
);

export const memoryRequests = resourcePolicy(
  'memory',
  'requests',
  'Containers must request memory',
  'Every app container (and native sidecar) sets `resources.requests.memory`, so the scheduler knows what it needs. ' +
    'A memory limit alone counts (Kubernetes then requests the limit). Init containers are not checked.',
);

export const memoryLimits = resourcePolicy(
  'memory',
  'limits',
  'Containers must limit memory',
  'Every app container (and native sidecar) sets `resources.limits.memory`, so a leak kills the container rather than starving the node. ' +
    'Init containers are not checked.',
);

export const cpuLimits = resourcePolicy(
  'cpu',
  'limits',
  'Containers must limit CPU',
  'Every app container (and native sidecar) sets `resources.limits.cpu`. Opt-in: CPU limits cause throttling and many teams deliberately leave them out. ' +
    'Init containers are not checked.',
);
