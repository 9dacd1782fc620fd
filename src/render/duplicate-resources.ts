import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { resourceId, resourceKey, resourceLabel } from '../core/manifest.js';
import type { Formation } from './formation.js';
import type { RenderedDocument } from './substitute.js';

/**
 * Two documents of one formation with the same identity (group, kind, namespace, name) would
 * go out twice and the second would silently replace the first on apply: `RESOURCE_DUPLICATE`
 * at the later one, naming both stencil locations. A document without a namespace gets the
 * formation's destination namespace, where `kubectl apply -n` would put it.
 */
export function duplicateResources(formation: Formation, documents: readonly RenderedDocument[]): Diagnostic[] {
  const seen = new Map<string, RenderedDocument>();
  const out: Diagnostic[] = [];
  for (const d of documents) {
    const id = resourceId(d.manifest.object);
    if (id.kind === '' || id.name === '') continue;
    const namespace = id.namespace ?? formation.destination.namespace;
    const key = resourceKey(namespace === undefined ? id : { ...id, namespace });
    const first = seen.get(key);
    if (!first) {
      seen.set(key, d);
      continue;
    }
    const a = first.manifest.locate(['metadata', 'name']);
    const b = d.manifest.locate(['metadata', 'name']);
    out.push(
      diagnostic('RESOURCE_DUPLICATE', `${resourceLabel(namespace === undefined ? id : { ...id, namespace })} is rendered twice: ${a.file}:${a.line}:${a.column} and ${b.file}:${b.line}:${b.column}`, b, {
        formation: formation.name,
        hint: 'give one of them another name, or select only one of the stencils for this formation',
      }),
    );
  }
  return out;
}
