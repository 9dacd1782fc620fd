import { definePolicy, type Policy } from '../define-policy.js';
import { containerName, containerNoun } from './support/workload.js';

/** A check of each `ports[i].<field>` of every container, init and ephemeral included. */
function portPolicy(
  id: string,
  title: string,
  description: string,
  remediation: string,
  field: 'hostPort' | 'containerPort',
  says: (port: number) => string | undefined,
): Policy {
  return definePolicy({
    id,
    title,
    severity: 'warning',
    description,
    remediation,
    match: { workloads: true },
    check(resource, ctx) {
      for (const c of ctx.containers(resource)) {
        const ports = c.value.ports;
        if (!Array.isArray(ports)) continue;
        ports.forEach((port, i) => {
          const value: unknown = port?.[field];
          const problem = typeof value === 'number' ? says(value) : undefined;
          if (problem) ctx.report({ message: `${containerNoun(c)} ${containerName(c)} ${problem}`, path: [...c.path, 'ports', i, field] });
        });
      }
    },
  });
}

export const hostPort = portPolicy(
  'host-port',
  'Containers should not bind host ports',
  'No container port sets `hostPort`: it ties the pod to nodes where the port is free and bypasses NetworkPolicies on some CNIs.',
  'Remove `hostPort` and expose the port through a Service.',
  'hostPort',
  (port) => (port > 0 ? `binds host port ${port}` : undefined),
);

export const privilegedPorts = portPolicy(
  'privileged-ports',
  'Containers should not listen on privileged ports',
  'No container declares a `containerPort` below 1024: binding one needs root or NET_BIND_SERVICE.',
  'Listen on a port of 1024 or above in the container and map the well-known port in the Service (`port: 80`, `targetPort: 8080`).',
  'containerPort',
  (port) => (port > 0 && port < 1024 ? `declares privileged port ${port}` : undefined),
);
