import type { Location } from '../core/diagnostic.js';
import { formatPath, type JsonPath } from '../core/manifest.js';
import { secretStandIn } from '../core/secret-value.js';
import type { Formation } from './formation.js';
import type { PlaceholderRef, TemplateNode } from './stencil.js';
import type { RenderedDocument } from './substitute.js';
import { lookupValue, scalarText, toPlain } from './value-tree.js';

/** One placeholder of a rendered document: where it is, what it became, who supplied it. */
export interface PlaceholderExplanation {
  /** Path within the resource, e.g. `spec.replicas`. */
  path: string;
  placeholder: string;
  at: Location;
  /**
   * Display value (secrets as their stand-in; never a secret value). A number or boolean used
   * as text is the text it was written with (`"1.10"`), as it was rendered.
   */
  value: unknown;
  /** For a number or boolean used typed: how the formation wrote it, when that differs from the value (`1.10` for 1.1). */
  written?: string;
  /** The layer (or --set) that supplied the value; built-ins and secrets name their origin instead. */
  source?: Location;
  origin: 'value' | 'builtin' | 'secret';
}

export function explainDocument(formation: Formation, doc: RenderedDocument): PlaceholderExplanation[] {
  const out: PlaceholderExplanation[] = [];
  const root = doc.stencil.documents.find((d) => d.index === doc.index)?.root;
  if (!root) return out;
  const visit = (node: TemplateNode, path: JsonPath) => {
    switch (node.t) {
      case 'whole':
        out.push(explain(formation, doc, node.ref, path, node.quoted));
        return;
      case 'text':
        for (const p of node.parts) if (typeof p !== 'string') out.push(explain(formation, doc, p, path, true));
        return;
      case 'seq':
        node.items.forEach((item, i) => visit(item, [...path, i]));
        return;
      case 'map': {
        const keys = Object.keys(getAt(doc.manifest.object, path) ?? {});
        node.entries.forEach((e, i) => {
          if (typeof e.key !== 'string') for (const p of e.key) if (typeof p !== 'string') out.push(explain(formation, doc, p, path, true));
          visit(e.value, [...path, typeof e.key === 'string' ? e.key : (keys[i] ?? '')]);
        });
        return;
      }
      case 'literal':
        return;
    }
  };
  visit(root, []);
  return out;
}

function explain(formation: Formation, doc: RenderedDocument, ref: PlaceholderRef, path: JsonPath, asText: boolean): PlaceholderExplanation {
  const at = doc.stencil.source.location(ref.offset);
  const base = { path: formatPath(path), placeholder: `\${${ref.path.join('.')}}`, at };
  const [root, name] = ref.path;
  if (root === 'secrets') {
    const decl = formation.secrets.get(name ?? '');
    const e: PlaceholderExplanation = { ...base, value: secretStandIn(name ?? ''), origin: 'secret' };
    if (decl) e.source = decl.at;
    return e;
  }
  if (root === 'formation') return { ...base, value: getAt(doc.manifest.object, path), origin: 'builtin', source: { file: formation.file, line: 1, column: 1 } };
  const node = lookupValue(formation.values, ref.path);
  const text = node?.kind === 'scalar' && asText ? scalarText(node) : undefined;
  const e: PlaceholderExplanation = { ...base, value: text ?? (node ? toPlain(node) : undefined), origin: 'value' };
  if (node?.kind === 'scalar' && !asText && node.text !== undefined && node.text !== String(node.value)) e.written = node.text;
  if (node) e.source = node.at;
  return e;
}

function getAt(obj: unknown, path: JsonPath): unknown {
  let cur = obj;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}
