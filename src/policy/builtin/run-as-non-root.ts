import type { JsonPath } from '../../core/manifest.js';
import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { existingPath } from './support/json-path.js';
import { containerName, containerNoun, podSpec, podSpecPath, WORKLOAD_KINDS } from './support/workload.js';

export const runAsNonRoot = definePolicy({
  id: 'run-as-non-root',
  title: 'Containers must not run as root',
  severity: 'warning',
  description:
    'Every container runs as a non-root user: `runAsNonRoot: true` or a `runAsUser` above 0, on the container or inherited ' +
    'from the pod `securityContext` (the container wins). An explicit `runAsUser: 0` is reported. Windows pods are skipped.',
  remediation: 'Set `securityContext.runAsNonRoot: true` (and a non-zero `runAsUser` if the image has no numeric USER) on the pod or container.',
  match: { kinds: WORKLOAD_KINDS },
  check(resource, ctx) {
    const spec = podSpec(resource);
    const specPath = podSpecPath(resource.kind);
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
