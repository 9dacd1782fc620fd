import type { RenderedDocument } from './substitute.js';
import { emitYaml } from './yaml-emitter.js';

/**
 * The manifest stream (SPEC §2.3): `---`, a `# Source:` comment, then the document. `reveal`
 * writes resolved secret values; it is only ever true for `render`'s own output.
 */
export function manifestStream(documents: readonly RenderedDocument[], reveal: boolean): string {
  let out = '';
  for (const d of documents) out += `---\n# Source: ${d.stencil.file}\n${emitYaml(reveal ? d.data : d.manifest.object, reveal)}`;
  return out;
}
