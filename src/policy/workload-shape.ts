import { isRecord, type JsonPath } from '../core/manifest.js';
import { getPath } from './json-value.js';

/**
 * Where a resource keeps its pod template: `[]` for a Pod (whose own metadata and spec are the
 * pod's), `spec.template` for Deployment-like kinds, `spec.jobTemplate.spec.template` for
 * CronJob-like ones. Found by shape (SPEC §5.1), so Argo Rollouts, OpenShift DeploymentConfigs,
 * Knative Services and other workload CRDs are workloads too.
 */
export function podTemplatePath(resource: unknown): JsonPath | undefined {
  if (!isRecord(resource)) return undefined;
  const kind = resource['kind'];
  if (typeof kind === 'string' && Object.hasOwn(KNOWN_TEMPLATES, kind)) return KNOWN_TEMPLATES[kind];
  if (looksLikePodSpec(getPath(resource, SPEC_OF.get(TEMPLATE)!))) return TEMPLATE;
  if (looksLikePodSpec(getPath(resource, SPEC_OF.get(JOB_TEMPLATE)!))) return JOB_TEMPLATE;
  return undefined;
}

/** Path of the pod spec of a workload, or undefined for a resource that is none. */
export function podSpecPath(resource: unknown): JsonPath | undefined {
  const template = podTemplatePath(resource);
  return template === undefined ? undefined : SPEC_OF.get(template);
}

/** Whether a resource runs pods (has a pod template by shape, or is a Pod). */
export function isWorkload(resource: unknown): boolean {
  return podTemplatePath(resource) !== undefined;
}

/**
 * Whether the workload's pods run to completion (Jobs, CronJobs and look-alikes, or pods with
 * `restartPolicy: Never | OnFailure`) rather than serve: probes and replica rules skip them.
 */
export function runsToCompletion(resource: unknown): boolean {
  const template = podTemplatePath(resource);
  if (template === undefined) return false;
  if (template === JOB_TEMPLATE || (isRecord(resource) && resource['kind'] === 'Job')) return true;
  const restart = getPath(resource, [...template, 'spec', 'restartPolicy']);
  return restart === 'Never' || restart === 'OnFailure';
}

const POD: JsonPath = Object.freeze([]);
const TEMPLATE: JsonPath = Object.freeze(['spec', 'template']);
const JOB_TEMPLATE: JsonPath = Object.freeze(['spec', 'jobTemplate', 'spec', 'template']);

/** The pod spec path of each template path (built once: every policy asks for every resource). */
const SPEC_OF: ReadonlyMap<JsonPath, JsonPath> = new Map([POD, TEMPLATE, JOB_TEMPLATE].map((t) => [t, Object.freeze([...t, 'spec'])]));

/**
 * Built-in kinds are workloads whatever their template holds (a Deployment whose template has
 * no spec yet is still one); every other kind is judged by its shape alone.
 */
const KNOWN_TEMPLATES: Readonly<Record<string, JsonPath>> = Object.freeze({
  Pod: POD,
  Deployment: TEMPLATE,
  StatefulSet: TEMPLATE,
  DaemonSet: TEMPLATE,
  ReplicaSet: TEMPLATE,
  ReplicationController: TEMPLATE,
  Job: TEMPLATE,
  CronJob: JOB_TEMPLATE,
});

/**
 * Fields of a core/v1 PodSpec. A custom kind's `spec.template.spec` counts as a pod spec when
 * it has at least one of them: Cluster API's MachineDeployment has the same path but holds a
 * machine spec, and treating it as a workload would report missing probes on it.
 */
const POD_SPEC_FIELDS: ReadonlySet<string> = new Set([
  'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers',
  'hostname', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead', 'preemptionPolicy',
  'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'restartPolicy', 'runtimeClassName',
  'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount', 'serviceAccountName', 'setHostnameAsFQDN',
  'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds', 'tolerations', 'topologySpreadConstraints',
  'volumes',
]);

function looksLikePodSpec(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key of Object.keys(value)) if (POD_SPEC_FIELDS.has(key)) return true;
  return false;
}
