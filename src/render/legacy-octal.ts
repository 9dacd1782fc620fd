import { Scalar } from 'yaml';

const LEGACY_OCTAL = /^[-+]?0[0-7]+$/;

/**
 * A plain `0644` is octal 420 to YAML 1.1 readers (kubectl, client-go) but decimal 644 to
 * YAML 1.2. Stencils and values are read as YAML 1.2, except here: `defaultMode: 0644` must
 * mean what it means to kubectl, or the rendered file mode is wrong (or rejected).
 */
export function legacyOctal(node: Scalar): number | undefined {
  if (node.type !== Scalar.PLAIN || typeof node.value !== 'number' || typeof node.source !== 'string') return undefined;
  if (!LEGACY_OCTAL.test(node.source)) return undefined;
  const n = parseInt(node.source.replace(/^[-+]/, ''), 8);
  return node.source.startsWith('-') ? -n : n;
}
