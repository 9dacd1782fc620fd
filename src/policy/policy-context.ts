import { isRecord, type JsonPath } from '../core/manifest.js';
import { containersOf } from './containers.js';
import type { FormationInfo, KubernetesResource, PolicyContext, ReportInput } from './define-policy.js';
import { parseImage } from './image-ref.js';
import { getPath, jsonEqual, parsePath } from './json-value.js';

/** What one call of a policy's `check` sees, wherever it runs (in-process or in the worker). */
export interface ContextInput {
  resource: KubernetesResource;
  previous: KubernetesResource | undefined;
  resources: readonly KubernetesResource[];
  formation: FormationInfo | undefined;
  report: (finding: ReportInput) => void;
}

export function policyContext(input: ContextInput): PolicyContext {
  const { resource, previous } = input;
  return {
    previous,
    changed: (path) => {
      const segments = parsePath(path);
      return previous === undefined || !jsonEqual(getPath(resource, segments), getPath(previous, segments));
    },
    get: (path, from) => getPath(from === undefined ? resource : from, parsePath(path)),
    resources: input.resources,
    formation: input.formation,
    containers: (r) => containersOf(r),
    image: (ref) => parseImage(ref),
    report: input.report,
  };
}

/** A `ctx.report()` argument checked and copied into plain data (it may cross a thread). */
export interface RawReport {
  message: string;
  path: JsonPath;
  from?: unknown;
  to?: unknown;
  code?: string;
  severity?: string;
}

/** Throws (as the policy's own error) on what is not a report: the policy is at fault. */
export function normalizeReport(r: ReportInput): RawReport {
  if (!isRecord(r)) throw new TypeError('ctx.report() needs an object { message, path? }');
  const out: RawReport = { message: String(r.message), path: r.path === undefined ? [] : parsePath(r.path) };
  if (r.from !== undefined) out.from = plainData(r.from, 'from');
  if (r.to !== undefined) out.to = plainData(r.to, 'to');
  if (typeof r.code === 'string' && r.code !== '') out.code = r.code;
  if (typeof r.severity === 'string') out.severity = r.severity;
  return out;
}

function plainData(value: unknown, field: string): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw new TypeError(`ctx.report(): \`${field}\` must be JSON data`);
  }
}
