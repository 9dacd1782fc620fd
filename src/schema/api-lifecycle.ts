import { compareMinor, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-version.js';

/** Where a resource moved to: an apiVersion, and a kind when the kind changed too. */
export interface ApiReplacement {
  apiVersion: string;
  kind?: string;
}

/** One built-in API (apiVersion + kind) that Kubernetes deprecated and possibly removed. */
export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn?: string;
  /** Candidates, newest first; the first one served by the target version is named. Empty: none. */
  replacements: readonly ApiReplacement[];
  note?: string;
}

type Row = [apiVersion: string, kinds: string, deprecatedIn: string, removedIn: string | undefined, replacements: string, note?: string];

// From the Kubernetes deprecated API migration guide, 1.16 to 1.34. Replacements are written
// `apiVersion` or `apiVersion Kind`, several separated by `|`, newest first.
const ROWS: readonly Row[] = [
  ['extensions/v1beta1', 'Deployment DaemonSet ReplicaSet', '1.9', '1.16', 'apps/v1'],
  ['apps/v1beta1', 'Deployment StatefulSet ControllerRevision', '1.9', '1.16', 'apps/v1'],
  ['apps/v1beta2', 'Deployment StatefulSet DaemonSet ReplicaSet ControllerRevision', '1.9', '1.16', 'apps/v1'],
  ['extensions/v1beta1', 'NetworkPolicy', '1.9', '1.16', 'networking.k8s.io/v1'],
  ['extensions/v1beta1', 'PodSecurityPolicy', '1.11', '1.16', 'policy/v1beta1', 'PodSecurityPolicy was removed entirely in 1.25; use Pod Security Admission'],
  ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration ValidatingWebhookConfiguration', '1.16', '1.22', 'admissionregistration.k8s.io/v1'],
  ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', '1.16', '1.22', 'apiextensions.k8s.io/v1'],
  ['apiregistration.k8s.io/v1beta1', 'APIService', '1.19', '1.22', 'apiregistration.k8s.io/v1'],
  ['authentication.k8s.io/v1beta1', 'TokenReview', '1.19', '1.22', 'authentication.k8s.io/v1'],
  ['authorization.k8s.io/v1beta1', 'SubjectAccessReview LocalSubjectAccessReview SelfSubjectAccessReview SelfSubjectRulesReview', '1.19', '1.22', 'authorization.k8s.io/v1'],
  ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest', '1.19', '1.22', 'certificates.k8s.io/v1'],
  ['coordination.k8s.io/v1beta1', 'Lease', '1.19', '1.22', 'coordination.k8s.io/v1'],
  ['extensions/v1beta1', 'Ingress', '1.14', '1.22', 'networking.k8s.io/v1|networking.k8s.io/v1beta1'],
  ['networking.k8s.io/v1beta1', 'Ingress IngressClass', '1.19', '1.22', 'networking.k8s.io/v1'],
  ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole ClusterRoleBinding Role RoleBinding', '1.17', '1.22', 'rbac.authorization.k8s.io/v1'],
  ['scheduling.k8s.io/v1beta1', 'PriorityClass', '1.14', '1.22', 'scheduling.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', 'CSIDriver CSINode StorageClass VolumeAttachment', '1.19', '1.22', 'storage.k8s.io/v1'],
  ['batch/v1beta1', 'CronJob', '1.21', '1.25', 'batch/v1'],
  ['discovery.k8s.io/v1beta1', 'EndpointSlice', '1.21', '1.25', 'discovery.k8s.io/v1'],
  ['events.k8s.io/v1beta1', 'Event', '1.19', '1.25', 'events.k8s.io/v1'],
  ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.22', '1.25', 'autoscaling/v2|autoscaling/v2beta2'],
  ['policy/v1beta1', 'PodDisruptionBudget', '1.21', '1.25', 'policy/v1'],
  ['policy/v1beta1', 'PodSecurityPolicy', '1.21', '1.25', '', 'use Pod Security Admission or a third-party admission webhook'],
  ['node.k8s.io/v1beta1', 'RuntimeClass', '1.20', '1.25', 'node.k8s.io/v1'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema PriorityLevelConfiguration', '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1|flowcontrol.apiserver.k8s.io/v1beta3|flowcontrol.apiserver.k8s.io/v1beta2'],
  ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.23', '1.26', 'autoscaling/v2'],
  ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.24', '1.27', 'storage.k8s.io/v1'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema PriorityLevelConfiguration', '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1|flowcontrol.apiserver.k8s.io/v1beta3'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema PriorityLevelConfiguration', '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
  ['v1', 'ComponentStatus', '1.19', undefined, ''],
  ['v1', 'Endpoints', '1.33', undefined, 'discovery.k8s.io/v1 EndpointSlice'],
];

// First release serving each API that the table points to, so that a replacement the target
// version does not serve yet is never suggested, and using it early is reported.
const ADDED: readonly [apiVersion: string, kinds: string, addedIn: string][] = [
  ['networking.k8s.io/v1', 'Ingress IngressClass', '1.19'],
  ['certificates.k8s.io/v1', 'CertificateSigningRequest', '1.19'],
  ['events.k8s.io/v1', 'Event', '1.19'],
  ['node.k8s.io/v1', 'RuntimeClass', '1.20'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema PriorityLevelConfiguration', '1.20'],
  ['batch/v1', 'CronJob', '1.21'],
  ['discovery.k8s.io/v1', 'EndpointSlice', '1.21'],
  ['policy/v1', 'PodDisruptionBudget', '1.21'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', '1.23'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema PriorityLevelConfiguration', '1.23'],
  ['storage.k8s.io/v1', 'CSIStorageCapacity', '1.24'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema PriorityLevelConfiguration', '1.26'],
  ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema PriorityLevelConfiguration', '1.29'],
  ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding', '1.30'],
  ['networking.k8s.io/v1', 'ServiceCIDR IPAddress', '1.33'],
];

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

const LIFECYCLE = new Map<string, ApiLifecycle>();
for (const [apiVersion, kinds, deprecatedIn, removedIn, replacements, note] of ROWS) {
  for (const kind of kinds.split(' ')) {
    const entry: ApiLifecycle = {
      apiVersion,
      kind,
      deprecatedIn,
      replacements: replacements === '' ? [] : replacements.split('|').map(parseReplacement),
    };
    if (removedIn !== undefined) entry.removedIn = removedIn;
    if (note !== undefined) entry.note = note;
    LIFECYCLE.set(key(apiVersion, kind), entry);
  }
}

const ADDED_IN = new Map<string, string>();
for (const [apiVersion, kinds, addedIn] of ADDED) for (const kind of kinds.split(' ')) ADDED_IN.set(key(apiVersion, kind), addedIn);

function parseReplacement(text: string): ApiReplacement {
  const [apiVersion = '', kind] = text.split(' ');
  return kind === undefined ? { apiVersion } : { apiVersion, kind };
}

/** The whole table, for documentation and tests. */
export function apiLifecycleTable(): ApiLifecycle[] {
  return [...LIFECYCLE.values()];
}

export type ApiStatus =
  | { status: 'removed'; entry: ApiLifecycle; replacement: ApiReplacement | undefined }
  | { status: 'deprecated'; entry: ApiLifecycle; replacement: ApiReplacement | undefined }
  | { status: 'unavailable'; addedIn: string }
  | { status: 'served' };

/** What the target Kubernetes version does with `apiVersion` + `kind`. */
export function apiStatus(apiVersion: string, kind: string, target: KubernetesVersion): ApiStatus {
  const addedIn = ADDED_IN.get(key(apiVersion, kind));
  if (addedIn !== undefined && compareMinor(target, version(addedIn)) < 0) return { status: 'unavailable', addedIn };
  const entry = LIFECYCLE.get(key(apiVersion, kind));
  if (!entry) return { status: 'served' };
  if (compareMinor(target, version(entry.deprecatedIn)) < 0) return { status: 'served' };
  const replacement = entry.replacements.find((r) => servedIn(r, kind, target));
  if (entry.removedIn !== undefined && compareMinor(target, version(entry.removedIn)) >= 0) return { status: 'removed', entry, replacement };
  return { status: 'deprecated', entry, replacement };
}

function servedIn(r: ApiReplacement, kind: string, target: KubernetesVersion): boolean {
  const k = r.kind ?? kind;
  const added = ADDED_IN.get(key(r.apiVersion, k));
  if (added !== undefined && compareMinor(target, version(added)) < 0) return false;
  const entry = LIFECYCLE.get(key(r.apiVersion, k));
  return !(entry?.removedIn !== undefined && compareMinor(target, version(entry.removedIn)) >= 0);
}

function version(text: string): KubernetesVersion {
  return parseKubernetesVersion(text) ?? { major: 1, minor: 0, patch: 0 };
}

export function replacementLabel(r: ApiReplacement, kind: string): string {
  return `${r.apiVersion} ${r.kind ?? kind}`;
}

