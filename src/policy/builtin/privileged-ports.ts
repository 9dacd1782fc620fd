import { definePolicy } from '../define-policy.js';
import { containerName, containerNoun } from './support/workload.js';

export const privilegedPorts = definePolicy({
  id: 'privileged-ports',
  title: 'Containers should not listen on privileged ports',
  severity: 'warning',
  description: 'No container declares a `containerPort` below 1024: binding one needs root or NET_BIND_SERVICE.',
  remediation: 'Listen on a port of 1024 or above in the container and map the well-known port in the Service (`port: 80`, `targetPort: 8080`).',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const ports = c.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, i) => {
        const value: unknown = port?.containerPort;
        if (typeof value === 'number' && value > 0 && value < 1024) {
          ctx.report({ message: `${containerNoun(c)} ${containerName(c)} declares privileged port ${value}`, path: [...c.path, 'ports', i, 'containerPort'] });
        }
      });
    }
  },
});
