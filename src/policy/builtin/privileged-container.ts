import { definePolicy } from '../define-policy.js';
import { containerName, containerNoun } from './support/workload.js';

export const privilegedContainer = definePolicy({
  id: 'privileged-container',
  title: 'Containers must not run privileged',
  severity: 'error',
  description: 'No container (including init and ephemeral) sets `securityContext.privileged: true`, which gives it every device and capability of the node.',
  remediation: 'Remove `privileged: true`; add only the specific capabilities the process needs.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (c.value.securityContext?.privileged === true) {
        ctx.report({ message: `${containerNoun(c)} ${containerName(c)} runs privileged`, path: [...c.path, 'securityContext', 'privileged'] });
      }
    }
  },
});
