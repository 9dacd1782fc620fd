import { definePolicy } from '../define-policy.js';
import { existingPath } from './support/json-path.js';
import { containerName, containerNoun } from './support/workload.js';

export const readOnlyRootFilesystem = definePolicy({
  id: 'read-only-root-filesystem',
  title: 'Containers should have a read-only root file system',
  severity: 'warning',
  description: 'Every container sets `securityContext.readOnlyRootFilesystem: true`, so an intruder cannot change its binaries.',
  remediation: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the process must write (e.g. /tmp).',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (c.value.securityContext?.readOnlyRootFilesystem === true) continue;
      ctx.report({
        message: `${containerNoun(c)} ${containerName(c)} has a writable root file system`,
        path: existingPath(resource, [...c.path, 'securityContext', 'readOnlyRootFilesystem'], c.path.length),
      });
    }
  },
});
