import { isRecord } from '../core/manifest.js';
import type { RenderedDocument } from './substitute.js';

/** What `stamp: true` writes on every rendered resource (SPEC §2.3). */
export interface Stamp {
  formation: string;
  /** Commit of the rendered tree (`…-dirty` when the work tree differs); omitted outside git. */
  revision?: string;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const FORMATION_LABEL = 'copperplate.dev/formation';
export const REVISION_ANNOTATION = 'copperplate.dev/revision';
export const SOURCE_ANNOTATION = 'copperplate.dev/source';

/**
 * Adds the stamp labels and annotations to a rendered document, in what policies check and in
 * what is written, so `kubectl apply --prune -l copperplate.dev/formation=<f>` prunes only this
 * formation's objects and a running object names the commit it came from. Existing labels and
 * annotations keep their place; the stamp's own keys come after them (or replace a stale value).
 */
export function stampDocument(doc: RenderedDocument, stamp: Stamp): void {
  const labels: [string, string][] = [
    [MANAGED_BY_LABEL, 'copperplate'],
    [FORMATION_LABEL, stamp.formation],
  ];
  const annotations: [string, string][] = [];
  if (stamp.revision !== undefined) annotations.push([REVISION_ANNOTATION, stamp.revision]);
  annotations.push([SOURCE_ANNOTATION, doc.stencil.file]);
  for (const object of new Set([doc.manifest.object, doc.data])) {
    const metadata = child(object, 'metadata');
    assign(child(metadata, 'labels'), labels);
    assign(child(metadata, 'annotations'), annotations);
  }
}

function child(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = parent[key];
  if (isRecord(existing)) return existing;
  // absent or not a mapping (a schema error reported on its own): the stamp still applies
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}

function assign(target: Record<string, unknown>, entries: readonly [string, string][]): void {
  for (const [key, value] of entries) {
    delete target[key];
    target[key] = value;
  }
}
