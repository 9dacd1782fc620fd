import { definePolicy } from '../define-policy.js';
import { normalizeCapability } from './support/capabilities.js';
import { existingPath } from './support/json-path.js';
import { containerName, containerNoun } from './support/workload.js';

export const dropAllCapabilities = definePolicy({
  id: 'drop-all-capabilities',
  title: 'Containers must drop all capabilities',
  severity: 'warning',
  description:
    'Every container lists `ALL` in `securityContext.capabilities.drop` (and adds back only what it needs), as the Pod Security ' +
    '"restricted" profile requires. Privileged containers are left to `privileged-container`.',
  remediation: 'Set `securityContext.capabilities.drop: [ALL]`, then `add` only the capabilities the process needs (e.g. NET_BIND_SERVICE).',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const sc = c.value.securityContext;
      if (sc?.privileged === true) continue;
      const drop = sc?.capabilities?.drop;
      if (Array.isArray(drop) && drop.some((cap) => normalizeCapability(cap) === 'ALL')) continue;
      ctx.report({
        message: `${containerNoun(c)} ${containerName(c)} does not drop ALL capabilities`,
        path: existingPath(resource, [...c.path, 'securityContext', 'capabilities', 'drop'], c.path.length),
      });
    }
  },
});
