import { isRecord } from '../core/manifest.js';

const SEVERITIES = ['error', 'warning', 'info', 'signoff'];
export const POLICY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Problems that keep `value` from being a policy, checked field by field rather than by
 * `instanceof` or a brand: a policy file may import a different copy of copperplate/policy.
 */
export function policyShapeProblems(value: unknown): string[] {
  if (!isRecord(value)) return [`expected a policy object, got ${describe(value)}`];
  const problems: string[] = [];
  const id = value['id'];
  if (typeof id !== 'string' || id === '') problems.push('`id` must be a non-empty string');
  else if (!POLICY_ID_PATTERN.test(id)) problems.push(`\`id\` "${id}" must be kebab-case (lower-case letters, digits and single dashes)`);
  if (typeof value['title'] !== 'string' || value['title'] === '') problems.push('`title` must be a non-empty string');
  if (typeof value['severity'] !== 'string' || !SEVERITIES.includes(value['severity'])) {
    problems.push(`\`severity\` must be one of ${SEVERITIES.join(', ')}`);
  }
  if (typeof value['check'] !== 'function') problems.push('`check` must be a function (resource, ctx) => void');
  for (const key of ['remediation', 'description'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') problems.push(`\`${key}\` must be a string`);
  }
  const docs = value['docs'];
  if (docs !== undefined && !isDocsUrl(docs)) problems.push('`docs` must be an absolute http(s) URL (at most 2048 characters) of the policy\'s documentation');
  const timeoutMs = value['timeoutMs'];
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    problems.push('`timeoutMs` must be a positive number');
  }
  const match = value['match'];
  if (match !== undefined) {
    if (!isRecord(match)) problems.push('`match` must be an object');
    else {
      for (const key of Object.keys(match)) {
        if (key === 'labels') {
          const labels = match[key];
          if (!isRecord(labels) || Object.values(labels).some((v) => typeof v !== 'string')) {
            problems.push('`match.labels` must map label names to string values');
          }
        } else if (key === 'kinds' || key === 'apiVersions' || key === 'namespaces') {
          const list = match[key];
          if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) problems.push(`\`match.${key}\` must be an array of strings`);
        } else if (key === 'workloads') {
          if (typeof match[key] !== 'boolean') problems.push('`match.workloads` must be true or false');
        } else {
          problems.push(`\`match.${key}\` is not a match criterion (kinds, apiVersions, namespaces, labels, workloads)`);
        }
      }
    }
  }
  return problems;
}

/** Only web links: a report is a page people click in, so never `javascript:`, `file:` or a relative path. */
function isDocsUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2048 || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'undefined' ? 'nothing (is there a default export?)' : `a ${typeof value}`;
}
