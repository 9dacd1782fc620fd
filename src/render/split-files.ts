import type { RenderedDocument } from './substitute.js';
import { manifestStream } from './manifest-stream.js';

/**
 * `render --split resource` (SPEC §7): one file per resource, `<NNN>-<kind>-<name>.yaml`, NNN
 * its 1-based apply-order index in 3 digits (more when a formation has over 999 resources, so
 * names still sort in apply order), kind lower-cased. A pipeline can `kubectl apply` a preflight
 * Job's file first, then the rest, in order.
 */
export function splitFiles(documents: readonly RenderedDocument[], reveal: boolean): { name: string; text: string }[] {
  const width = Math.max(3, String(documents.length).length);
  return documents.map((d, i) => {
    const object = d.manifest.object;
    const metadata = object['metadata'];
    const name = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)['name'] : undefined;
    const kind = typeof object['kind'] === 'string' ? object['kind'] : 'object';
    const file = `${String(i + 1).padStart(width, '0')}-${safe(kind.toLowerCase())}-${safe(typeof name === 'string' && name !== '' ? name : 'unnamed')}.yaml`;
    return { name: file, text: manifestStream([d], reveal) };
  });
}

/** Kubernetes names are DNS-like, but RBAC names may hold `:`; nothing may leave the directory. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}

/** Whether a file name is one `splitFiles` writes (stale ones from an earlier render are removed). */
export function isSplitFileName(name: string): boolean {
  return /^\d{3,}-[A-Za-z0-9._-]+\.yaml$/.test(name);
}
