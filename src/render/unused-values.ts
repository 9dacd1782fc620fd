import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Formation } from './formation.js';
import type { ValueNode } from './value-tree.js';

/**
 * `VALUE_UNUSED` warnings: values (and secrets) that no selected stencil refers to. A used
 * path covers its whole subtree and its ancestors; an unused subtree is reported once, at
 * the layer that set it.
 */
export function unusedValues(formation: Formation): Diagnostic[] {
  const used = new Set<string>();
  const prefixes = new Set<string>();
  for (const s of formation.stencils) {
    for (const u of s.uses) {
      used.add(u);
      const parts = u.split('.');
      for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
    }
  }
  const out: Diagnostic[] = [];
  const visit = (node: ValueNode, p: string) => {
    const parts = p.split('.');
    for (let i = 1; i <= parts.length; i++) if (used.has(parts.slice(0, i).join('.'))) return;
    if (node.kind === 'map' && prefixes.has(p)) {
      for (const [k, v] of node.entries) visit(v, `${p}.${k}`);
      return;
    }
    out.push(
      diagnostic('VALUE_UNUSED', `value \`${p}\` is not used by any stencil of formation ${formation.name}`, node.at, {
        severity: 'warning',
        formation: formation.name,
      }),
    );
  };
  if (formation.values.kind === 'map') for (const [k, v] of formation.values.entries) visit(v, k);
  for (const [name, decl] of formation.secrets) {
    if (!used.has(`secrets.${name}`)) {
      out.push(
        diagnostic('VALUE_UNUSED', `secret \`${name}\` is not used by any stencil of formation ${formation.name}`, decl.at, {
          severity: 'warning',
          formation: formation.name,
        }),
      );
    }
  }
  return out;
}
