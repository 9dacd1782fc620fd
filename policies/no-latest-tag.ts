/**
 * Every container image must be pinned: a version tag or a digest, never `latest`.
 *
 * `latest` (or no tag at all, which means the same) makes a rollout depend on whatever was
 * pushed last, so two nodes can run different code and a rollback rolls back nothing. A digest
 * pins the content, so `image@sha256:…` passes whatever its tag says.
 *
 * This project policy replaces the built-in of the same id.
 */
import { definePolicy } from 'copperplate/policy';

export default definePolicy({
  id: 'no-latest-tag',
  title: 'Container images must be pinned',
  severity: 'error',
  remediation: 'Use an explicit version tag (ghcr.io/acme/web:1.4.2) or a digest (…@sha256:…).',
  // Workloads by shape: Deployments, CronJobs, Argo Rollouts, DeploymentConfigs, any kind with a pod template.
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (!c.value.image) continue; // a missing image is a schema error, reported there
      const { tag, digest } = ctx.image(c.value.image);
      if (tag === 'latest' && digest === undefined) {
        ctx.report({ message: `container ${c.value.name} uses ${c.value.image}, which means :latest`, path: [...c.path, 'image'] });
      }
    }
  },
});
