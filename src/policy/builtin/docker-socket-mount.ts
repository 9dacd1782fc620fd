import { definePolicy } from '../define-policy.js';
import { hostPathVolumes, isRuntimeSocket } from './support/host-path.js';

export const dockerSocketMount = definePolicy({
  id: 'docker-socket-mount',
  title: 'Pods must not mount the container runtime socket',
  severity: 'error',
  description:
    'No `hostPath` volume points at a container runtime socket (`docker.sock`, `containerd.sock`, `crio.sock`, `cri-dockerd.sock`, ' +
    '`podman.sock`): access to it is root on the node.',
  remediation: 'Remove the volume; build images with a daemonless builder (BuildKit rootless, kaniko) instead of the node\'s daemon.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const v of hostPathVolumes(resource)) {
      if (isRuntimeSocket(v.hostPath)) {
        ctx.report({ message: `volume ${v.name} mounts the container runtime socket ${v.hostPath}`, path: v.path });
      }
    }
  },
});
