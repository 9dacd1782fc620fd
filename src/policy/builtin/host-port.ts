import { definePolicy } from '../define-policy.js';
import { containerName, containerNoun } from './support/workload.js';

export const hostPort = definePolicy({
  id: 'host-port',
  title: 'Containers should not bind host ports',
  severity: 'warning',
  description: 'No container port sets `hostPort`: it ties the pod to nodes where the port is free and bypasses NetworkPolicies on some CNIs.',
  remediation: 'Remove `hostPort` and expose the port through a Service.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const ports = c.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, i) => {
        const value: unknown = port?.hostPort;
        if (typeof value === 'number' && value > 0) {
          ctx.report({ message: `${containerNoun(c)} ${containerName(c)} binds host port ${value}`, path: [...c.path, 'ports', i, 'hostPort'] });
        }
      });
    }
  },
});
