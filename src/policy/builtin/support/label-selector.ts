import { isRecord } from '../../../core/manifest.js';

/**
 * Whether a `metav1.LabelSelector` (matchLabels + matchExpressions) selects `labels`.
 * An empty selector selects everything; a missing one selects whatever `whenMissing` says
 * (NetworkPolicy: everything, PodDisruptionBudget policy/v1: nothing).
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>, whenMissing: boolean): boolean {
  if (selector === undefined || selector === null) return whenMissing;
  if (!isRecord(selector)) return false;
  const matchLabels = selector['matchLabels'];
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels) || !mapSelectorMatches(matchLabels, labels)) return false;
  }
  const expressions = selector['matchExpressions'];
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return false;
    for (const e of expressions) if (!expressionMatches(e, labels)) return false;
  }
  return true;
}

/**
 * Whether a workload's `spec.selector` selects `labels`, by its shape: a LabelSelector
 * (`matchLabels` / `matchExpressions`: apps/v1, batch/v1, Argo Rollouts) or a plain label map
 * (ReplicationController, OpenShift DeploymentConfig).
 */
export function workloadSelectorMatches(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): boolean {
  if (Object.hasOwn(selector, 'matchLabels') || Object.hasOwn(selector, 'matchExpressions')) return labelSelectorMatches(selector, labels, false);
  return mapSelectorMatches(selector, labels);
}

/** Whether a plain map selector (Service `spec.selector`, `matchLabels`) selects `labels`. */
export function mapSelectorMatches(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (labels[key] !== String(value)) return false;
  }
  return true;
}

function expressionMatches(expression: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isRecord(expression) || typeof expression['key'] !== 'string') return false;
  const key = expression['key'];
  const values = Array.isArray(expression['values']) ? expression['values'].map(String) : [];
  const has = Object.hasOwn(labels, key);
  switch (expression['operator']) {
    case 'In':
      return has && values.includes(labels[key] as string);
    case 'NotIn':
      return !has || !values.includes(labels[key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
