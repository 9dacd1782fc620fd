import { definePolicy } from '../define-policy.js';
import { existingPath } from './support/json-path.js';
import { containerName, containerNoun } from './support/workload.js';

export const privilegeEscalation = definePolicy({
  id: 'privilege-escalation',
  title: 'Containers must not allow privilege escalation',
  severity: 'warning',
  description:
    'Every container sets `securityContext.allowPrivilegeEscalation: false` (it defaults to true, so setuid binaries can gain root). ' +
    'Privileged containers are left to `privileged-container`.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on the container.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const sc = c.value.securityContext;
      if (sc?.privileged === true || sc?.allowPrivilegeEscalation === false) continue;
      const field = [...c.path, 'securityContext', 'allowPrivilegeEscalation'];
      const message =
        sc?.allowPrivilegeEscalation === true
          ? `${containerNoun(c)} ${containerName(c)} sets allowPrivilegeEscalation: true`
          : `${containerNoun(c)} ${containerName(c)} does not set allowPrivilegeEscalation: false`;
      ctx.report({ message, path: existingPath(resource, field, c.path.length) });
    }
  },
});
