import { definePolicy } from '../define-policy.js';
import { runsToCompletion } from '../workload-shape.js';
import { containerName, isAppContainer } from './support/workload.js';

export const livenessProbe = definePolicy({
  id: 'liveness-probe',
  title: 'Containers should have a liveness probe',
  severity: 'warning',
  description: 'Every app container of a long-running workload (not Jobs, CronJobs or pods with `restartPolicy: Never | OnFailure`) sets `livenessProbe`, so a hung process is restarted.',
  remediation: 'Add a `livenessProbe` that fails only when the process cannot recover by itself (not when a dependency is down).',
  match: { workloads: true },
  check(resource, ctx) {
    if (runsToCompletion(resource)) return;
    for (const c of ctx.containers(resource)) {
      if (!isAppContainer(c) || c.value.livenessProbe != null) continue;
      ctx.report({ message: `container ${containerName(c)} has no livenessProbe`, path: c.path });
    }
  },
});
