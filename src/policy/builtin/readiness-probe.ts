import { definePolicy } from '../define-policy.js';
import { runsToCompletion } from '../workload-shape.js';
import { containerName, isAppContainer } from './support/workload.js';

export const readinessProbe = definePolicy({
  id: 'readiness-probe',
  title: 'Containers should have a readiness probe',
  severity: 'warning',
  description: 'Every app container of a long-running workload (not Jobs, CronJobs or pods with `restartPolicy: Never | OnFailure`) sets `readinessProbe`, so it gets traffic only when it can serve it.',
  remediation: 'Add a `readinessProbe` that checks the container can serve requests.',
  match: { workloads: true },
  check(resource, ctx) {
    if (runsToCompletion(resource)) return;
    for (const c of ctx.containers(resource)) {
      if (!isAppContainer(c) || c.value.readinessProbe != null) continue;
      ctx.report({ message: `container ${containerName(c)} has no readinessProbe`, path: c.path });
    }
  },
});
