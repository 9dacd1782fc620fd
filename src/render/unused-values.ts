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
  // `p` is used when it or a dotted prefix of it is; the prefixes that end before `from` are
  // the parent's, known unused (a key may hold dots, so its own part can add prefixes)
  const visit = (node: ValueNode, p: string, from: number) => {
    for (let dot = p.indexOf('.', from); dot !== -1; dot = p.indexOf('.', dot + 1)) if (used.has(p.slice(0, dot))) return;
    if (used.has(p)) return;
    if (node.kind === 'map' && prefixes.has(p)) {
      for (const [k, v] of node.entries) visit(v, `${p}.${k}`, p.length + 1);
      return;
    }
    out.push(
      diagnostic('VALUE_UNUSED', `value \`${p}\` is not used by any stencil of formation ${formation.name}`, node.at, {
        severity: 'warning',
        formation: formation.name,
      }),
    );
  };
  if (formation.values.kind === 'map') for (const [k, v] of formation.values.entries) visit(v, k, 0);
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
