import { definePolicy } from '../define-policy.js';
import { hostPathVolumes, isRuntimeSocket } from './support/host-path.js';

export const hostPathVolume = definePolicy({
  id: 'host-path-volume',
  title: 'Pods should not mount host paths',
  severity: 'warning',
  description:
    'The pod spec has no `hostPath` volume: it exposes the node\'s file system and ties the pod to one node. ' +
    'Container runtime sockets are reported by `docker-socket-mount` instead (one finding per problem).',
  remediation: 'Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume; node agents that need the host can be waived with a reason.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const v of hostPathVolumes(resource)) {
      if (isRuntimeSocket(v.hostPath)) continue;
      ctx.report({ message: `volume ${v.name} mounts host path ${v.hostPath || '(unset)'}`, path: v.path });
    }
  },
});
