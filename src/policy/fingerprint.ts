import { createHash } from 'node:crypto';
import { resourceKey, type ResourceId } from '../core/manifest.js';
import { canonicalJson } from './json-value.js';

export interface FingerprintInput {
  policy: string;
  formation: string | undefined;
  resource: ResourceId;
  /** Formatted path, as in the finding. */
  path: string;
  from: unknown;
  to: unknown;
}

/**
 * 12 hex chars of sha256 over what a sign-off approves: policy, formation, resource identity
 * (group/kind/namespace/name, so an apiVersion bump within a group keeps it), path and the
 * reported change. Any other value of `from` or `to` is a different change needing a new sign-off.
 */
export function fingerprint(input: FingerprintInput): string {
  const text = canonicalJson({
    policy: input.policy,
    formation: input.formation ?? '',
    resource: resourceKey(input.resource),
    path: input.path,
    from: input.from ?? null,
    to: input.to ?? null,
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The fingerprint's shape as a JSON Schema `pattern` (the published approvals schema uses it). */
export const FINGERPRINT_PATTERN = '^[0-9a-f]{12}$';

/** Exactly 12 lowercase hex characters: what `fingerprint` produces and approvals.yaml must hold. */
export function isFingerprint(text: string): boolean {
  // The literal lives in the function so that a mutation run can kill its mutants (a module-level
  // RegExp is evaluated once at import, where Stryker cannot switch mutants).
  return /^[0-9a-f]{12}$/.test(text);
}
