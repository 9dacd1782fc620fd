import { definePolicy } from '../define-policy.js';
import { existingPath, isSet } from './support/json-path.js';
import { containerName, isAppContainer } from './support/workload.js';

export const cpuLimits = definePolicy({
  id: 'cpu-limits',
  title: 'Containers must limit CPU',
  severity: 'warning',
  description: 'Every app container (and native sidecar) sets `resources.limits.cpu`. Opt-in: CPU limits cause throttling and many teams deliberately leave them out. ' +
    'Init containers are not checked.',
  remediation: 'Set `resources.limits.cpu` on the container from its observed usage.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (!isAppContainer(c)) continue;
      const resources = c.value.resources;
      if (isSet(resources?.limits?.['cpu'])) continue;
      ctx.report({
        message: `container ${containerName(c)} has no cpu limit`,
        path: existingPath(resource, [...c.path, 'resources', 'limits', 'cpu'], c.path.length),
      });
    }
  },
});
