import type { JsonPath } from '../../core/manifest.js';
import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { existingPath } from './support/json-path.js';
import { containerName, containerNoun, podSpec } from './support/workload.js';
import { podSpecPath } from '../workload-shape.js';

export const runAsNonRoot = definePolicy({
  id: 'run-as-non-root',
  title: 'Containers must not run as root',
  severity: 'warning',
  description:
    'Every container runs as a non-root user: `runAsNonRoot: true` or a `runAsUser` above 0, on the container or inherited ' +
    'from the pod `securityContext` (the container wins). An explicit `runAsUser: 0` is reported, and so is `runAsGroup: 0` ' +
    '(the root group can read and write whatever root\'s group owns, even for a non-root user). Windows pods are skipped.',
  remediation:
    'Set `securityContext.runAsNonRoot: true` (and a non-zero `runAsUser` if the image has no numeric USER) on the pod or container, ' +
    'and a non-zero `runAsGroup` where one is set.',
  match: { workloads: true },
  check(resource, ctx) {
    const spec = podSpec(resource);
    const specPath = podSpecPath(resource);
    if (spec === undefined || specPath === undefined) return;
    if (isRecord(spec['os']) && spec['os']['name'] === 'windows') return;
    const pod = isRecord(spec['securityContext']) ? spec['securityContext'] : {};
    const podSc: JsonPath = [...specPath, 'securityContext'];
    for (const c of ctx.containers(resource)) {
      const sc = c.value.securityContext ?? {};
      const cSc: JsonPath = [...c.path, 'securityContext'];
      const userAt = sc.runAsUser !== undefined ? cSc : pod['runAsUser'] !== undefined ? podSc : undefined;
      const user = sc.runAsUser ?? pod['runAsUser'];
      const name = `${containerNoun(c)} ${containerName(c)}`;
      const groupAt = sc.runAsGroup !== undefined ? cSc : pod['runAsGroup'] !== undefined ? podSc : undefined;
      if ((sc.runAsGroup ?? pod['runAsGroup']) === 0 && groupAt !== undefined) {
        ctx.report({ message: `${name} runs with the root group (runAsGroup: 0)`, path: [...groupAt, 'runAsGroup'] });
      }
      if (user === 0 && userAt !== undefined) {
        ctx.report({ message: `${name} runs as root (runAsUser: 0)`, path: [...userAt, 'runAsUser'] });
        continue;
      }
      if (typeof user === 'number' && user > 0) continue;
      const nonRootAt = sc.runAsNonRoot !== undefined ? cSc : pod['runAsNonRoot'] !== undefined ? podSc : undefined;
      const nonRoot = sc.runAsNonRoot ?? pod['runAsNonRoot'];
      if (nonRoot === true) continue;
      if (nonRoot === false && nonRootAt !== undefined) {
        ctx.report({ message: `${name} may run as root (runAsNonRoot: false)`, path: [...nonRootAt, 'runAsNonRoot'] });
      } else {
        ctx.report({ message: `${name} may run as root: neither runAsNonRoot nor a non-zero runAsUser is set`, path: existingPath(resource, [...cSc, 'runAsNonRoot'], c.path.length) });
      }
    }
  },
});
