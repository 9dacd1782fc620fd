import { definePolicy, type Policy } from '../define-policy.js';
import { runsToCompletion } from '../workload-shape.js';
import { containerName, isAppContainer } from './support/workload.js';

/** A probe on every app container of a long-running workload (Jobs and run-once pods end by themselves). */
function probePolicy(kind: 'liveness' | 'readiness', purpose: string, remediation: string): Policy {
  const field = `${kind}Probe` as const;
  return definePolicy({
    id: `${kind}-probe`,
    title: `Containers should have a ${kind} probe`,
    severity: 'warning',
    description: `Every app container of a long-running workload (not Jobs, CronJobs or pods with \`restartPolicy: Never | OnFailure\`) sets \`${field}\`, so ${purpose}.`,
    remediation,
    match: { workloads: true },
    check(resource, ctx) {
      if (runsToCompletion(resource)) return;
      for (const c of ctx.containers(resource)) {
        if (!isAppContainer(c) || c.value[field] != null) continue;
        ctx.report({ message: `container ${containerName(c)} has no ${field}`, path: c.path });
      }
    },
  });
}

export const livenessProbe = probePolicy(
  'liveness',
  'a hung process is restarted',
  'Add a `livenessProbe` that fails only when the process cannot recover by itself (not when a dependency is down).',
);
export const readinessProbe = probePolicy('readiness', 'it gets traffic only when it can serve it', 'Add a `readinessProbe` that checks the container can serve requests.');
