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

/**
 * The fingerprint's shape, exactly 12 lowercase hex characters, as a JSON Schema `pattern` (the
 * published approvals schema uses it). A function, not a module-level constant, so that a
 * mutation run can switch its mutants (Stryker cannot re-evaluate what a module computes at import).
 */
export function fingerprintPattern(): string {
  return '^[0-9a-f]{12}$';
}

/** What `fingerprint` produces and approvals.yaml must hold. */
export function isFingerprint(text: string): boolean {
  return new RegExp(fingerprintPattern()).test(text);
}
