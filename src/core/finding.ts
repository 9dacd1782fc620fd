import type { Location } from './diagnostic.js';
import { resourceLabel, type ResourceId } from './manifest.js';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'signoff';

/** A policy's (or schema validation's, policy id `schema`) verdict on one resource path, at its place in the source where known. */
export interface Finding extends Partial<Location> {
  policy: string;
  /** Sub-rule within the policy (e.g. `SCHEMA_UNKNOWN_FIELD` for policy `schema`), when it has several. */
  code?: string;
  severity: FindingSeverity;
  message: string;
  formation?: string;
  resource: ResourceId;
  /** Dotted path within the resource, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  valueSource?: Location;
  fingerprint?: string;
  approved?: boolean;
  /** Set when a report is built: whether this finding alone fails the run under its `--fail-on`. */
  blocking?: boolean;
  /** Who approved or waived it, when `approved`. */
  approvedBy?: string;
  remediation?: string;
  /** Reason given by the approval or waiver, when `approved`. */
  approvalReason?: string;
  from?: unknown;
  to?: unknown;
}

/**
 * The `resource` of an approvals.yaml entry (SPEC §5.4): `<formation>/<Kind>/<namespace>/<name>`,
 * without the namespace segment for cluster-scoped resources and without the formation for `validate`.
 */
export function approvalResourceLabel(finding: Pick<Finding, 'formation' | 'resource'>): string {
  const label = resourceLabel(finding.resource);
  return finding.formation ? `${finding.formation}/${label}` : label;
}
