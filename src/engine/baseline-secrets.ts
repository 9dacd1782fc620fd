import { SECRET_MASK, secretStandIn } from '../core/secret-value.js';
import type { ResourceDiff } from '../core/resource-diff.js';

/**
 * Hides the baseline side of changes that may hold a real secret. `diff` renders the current
 * side redacted, but a `--baseline-dir` is often a deploy job's `render --out`, which holds the
 * resolved values: wherever the current side has a secret stand-in, the old value is the
 * secret; and a Secret's `data`/`stringData` is secret whatever filled it.
 */
export function hideBaselineSecrets(diffs: readonly ResourceDiff[], secretNames: Iterable<string>): ResourceDiff[] {
  const standIns = [...secretNames].map(secretStandIn);
  const holdsStandIn = (value: unknown): boolean => {
    if (typeof value === 'string') return standIns.some((s) => value.includes(s));
    // a list's values are its items
    if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsStandIn);
    return false;
  };
  return diffs.map((d) => {
    const secretKind = d.resource.kind === 'Secret';
    const changes = d.changes.map((c) => {
      const secretData = secretKind && (c.segments[0] === 'data' || c.segments[0] === 'stringData');
      if (!('from' in c) || !(secretData || holdsStandIn(c.to))) return c;
      return { ...c, from: SECRET_MASK };
    });
    return { ...d, changes };
  });
}
