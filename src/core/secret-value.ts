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
    // keys too: a policy may put a secret in a key of what it reports
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), maskDeep(v, mask)]));
  }
  return value;
}

/** Most characters of policy- or backend-controlled text kept in a message. */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * Masks, then bounds, text that user code or a server produced. In this order: cut first, a
 * secret split by the cut would keep its first half unmasked.
 */
export function maskAndClip(text: string, secrets: Iterable<string>, max = MAX_MESSAGE_LENGTH): string {
  const masked = maskSecrets(text, secrets);
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}
