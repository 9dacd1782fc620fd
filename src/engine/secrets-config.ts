import type { SchemaNode } from '../core/schema-check.js';
import { secretsConfigSchema } from '../secrets/index.js';

/** Schemas of the connection sections of copperplate.yaml, owned by the secrets layer. */
export function secretsConfigSections(): Partial<Record<'vault' | 'kms' | 'sops', SchemaNode>> {
  return secretsConfigSchema as unknown as Record<'vault' | 'kms' | 'sops', SchemaNode>;
}
