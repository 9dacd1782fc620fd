import { inspect } from 'node:util';

const REDACTED = '(redacted)';
const revealed = new WeakMap<SecretValue, string>();

/**
 * A resolved secret (or a string built from one). Every generic way of printing it
 * (string conversion, JSON, util.inspect, template literals) yields a redaction; only
 * `revealSecret`, used by the manifest writer, returns the value. The value lives in a
 * WeakMap rather than a property so that property enumeration and structured logging
 * cannot reach it either.
 */
export class SecretValue {
  /** Names of the secret references that make up this value, for stand-ins and masking. */
  readonly names: readonly string[];
  constructor(value: string, names: readonly string[]) {
    revealed.set(this, value);
    this.names = names;
    Object.freeze(this);
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return `SecretValue(${this.names.join(',')})`;
  }
}

export function revealSecret(value: SecretValue): string {
  return revealed.get(value) ?? '';
}

export function isSecretValue(value: unknown): value is SecretValue {
  return value instanceof SecretValue;
}

/** The text `--secrets redact` substitutes for a secret reference. */
export function secretStandIn(name: string): string {
  return `(secret:${name})`;
}

export const SECRET_MASK = '••••••';

/**
 * Replaces every occurrence of any of `secrets` in `text` by the mask. Used on text that
 * user code produced (policy messages) and therefore may echo a secret it was shown.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length > 0 && out.includes(s)) out = out.split(s).join(SECRET_MASK);
  return out;
}

/** `value` with `mask` applied to every string in it, however deep (policy `from`/`to`, diff values). */
export function maskDeep(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, mask));
  if (typeof value === 'object' && value !== null && !isSecretValue(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, mask)]));
  }
  return value;
}
