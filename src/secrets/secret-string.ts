/**
 * Secret values are strings (SPEC §4). Backends may hold numbers or booleans (Vault KV JSON,
 * sops `int`/`bool`): those become their canonical text; mappings and lists cannot.
 */
export function toSecretString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}
