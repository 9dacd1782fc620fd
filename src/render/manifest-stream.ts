import type { RenderedDocument } from './substitute.js';
import { emitYaml } from './yaml-emitter.js';

/**
 * The manifest stream (SPEC §2.3): `---`, a `# Source:` comment, then the document. `reveal`
 * writes resolved secret values; it is only ever true for `render`'s own output.
 */
export function manifestStream(documents: readonly RenderedDocument[], reveal: boolean): string {
  // joined, not concatenated: a document's text is built from many small strings, which
  // Array.join copies into one (for 100,000 documents, their links alone would take ~300 MB)
  const parts: string[] = [];
  for (const d of documents) parts.push(`---\n# Source: ${d.stencil.file}\n`, emitYaml(reveal ? d.data : d.manifest.object, reveal));
  return parts.join('');
}
