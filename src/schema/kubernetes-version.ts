/** A Kubernetes minor release, the unit in which APIs are deprecated and removed. */
export interface KubernetesVersion {
  major: number;
  minor: number;
  patch: number;
}

export const DEFAULT_KUBERNETES_VERSION = '1.31';

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

/** `1.31`, `v1.31`, `1.31.2` → version; anything else → undefined. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Compares major.minor only: deprecations and removals happen at minor releases. */
export function compareMinor(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** `1.31` → `1.31`; used in messages. */
export function minorLabel(v: KubernetesVersion): string {
  return `${v.major}.${v.minor}`;
}

/** kubeconform's `{{ .NormalizedKubernetesVersion }}`: `v1.31.0`. */
export function normalizedKubernetesVersion(v: KubernetesVersion): string {
  return `v${v.major}.${v.minor}.${v.patch}`;
}
