import type { JsonPath } from '../../../core/manifest.js';
import { isRecord } from '../../../core/manifest.js';
import type { KubernetesResource } from '../../define-policy.js';
import { podSpec } from './workload.js';
import { podSpecPath } from '../../workload-shape.js';

export interface HostPathVolume {
  name: string;
  hostPath: string;
  /** Path of `hostPath.path` within the resource. */
  path: JsonPath;
}

/** Every `hostPath` volume of a workload's pod spec. */
export function hostPathVolumes(resource: KubernetesResource): HostPathVolume[] {
  const spec = podSpec(resource);
  const specPath = podSpecPath(resource);
  const volumes = spec?.['volumes'];
  if (specPath === undefined || !Array.isArray(volumes)) return [];
  const out: HostPathVolume[] = [];
  volumes.forEach((v: unknown, i) => {
    if (!isRecord(v) || !isRecord(v['hostPath'])) return;
    const hostPath = v['hostPath']['path'];
    out.push({
      name: typeof v['name'] === 'string' ? v['name'] : `#${i}`,
      hostPath: typeof hostPath === 'string' ? hostPath : '',
      path: hostPath === undefined ? [...specPath, 'volumes', i, 'hostPath'] : [...specPath, 'volumes', i, 'hostPath', 'path'],
    });
  });
  return out;
}

/** The container runtime's API socket: whoever can write to it controls every container on the node. */
export function isRuntimeSocket(hostPath: string): boolean {
  return /(^|\/)(docker|containerd|crio|cri-dockerd|podman)\.sock\/?$/.test(hostPath);
}
