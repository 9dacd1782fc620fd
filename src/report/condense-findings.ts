import type { Finding } from '../core/finding.js';

/**
 * For a terminal report that must stay short (the pre-commit hook): a stencil problem that
 * every formation selecting the stencil shares is one entry naming all those formations, not
 * one per formation. Sign-offs stay separate (each formation's change is approved on its own),
 * and the summary still counts every finding.
 */
export function condenseFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const order: Finding[][] = [];
  for (const f of findings) {
    const key =
      f.severity === 'signoff' || f.formation === undefined
        ? undefined
        : JSON.stringify([f.policy, f.code, f.severity, f.message, f.file, f.line, f.column, f.path, f.approved, f.resource.kind, f.resource.name, f.valueSource]);
    const group = key === undefined ? undefined : groups.get(key);
    if (group) group.push(f);
    else {
      const fresh = [f];
      if (key !== undefined) groups.set(key, fresh);
      order.push(fresh);
    }
  }
  return order.map((group) => {
    const first = group[0]!;
    if (group.length === 1) return first;
    const namespaces = new Set(group.map((f) => f.resource.namespace));
    const resource = { ...first.resource };
    if (namespaces.size > 1) delete resource.namespace;
    return { ...first, formation: group.map((f) => f.formation).join(', '), resource };
  });
}
