import { definePolicy } from '../define-policy.js';
import { normalizeCapability } from './support/capabilities.js';
import { containerName, containerNoun } from './support/workload.js';

/**
 * Capabilities that amount to root on the node (or on its network). Others outside the Pod
 * Security baseline set (IPC_LOCK for mlock, SYS_NICE, …) have common legitimate uses.
 */
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'BPF', 'PERFMON', 'DAC_READ_SEARCH']);

export const dangerousCapabilities = definePolicy({
  id: 'dangerous-capabilities',
  title: 'Containers must not add dangerous capabilities',
  severity: 'error',
  description: `No container adds one of ${[...DANGEROUS].join(', ')} in \`securityContext.capabilities.add\`.`,
  remediation: 'Remove the capability; if the workload truly needs it (a CNI agent, a debugger), waive this policy for that resource with a reason.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const add = c.value.securityContext?.capabilities?.add;
      if (!Array.isArray(add)) continue;
      add.forEach((cap, i) => {
        const name = normalizeCapability(cap);
        if (DANGEROUS.has(name)) {
          ctx.report({
            message: `${containerNoun(c)} ${containerName(c)} adds capability ${name}`,
            path: [...c.path, 'securityContext', 'capabilities', 'add', i],
          });
        }
      });
    }
  },
});
