import type { ProjectFs } from '../core/project-fs.js';
import type { SecretsConfig } from './secrets-config.js';


/**
 * What a provider reports about one reference. `message` is shown to people and must never
 * carry a secret value, token, key material or ciphertext. A code outside the diagnostics
 * catalogue (an embedder's own) is reported as `SECRET_UNRESOLVED` naming that code.
 */
export interface SecretProblem {
  code: string;
  message: string;
  hint?: string;
}

/** A reference after its provider parsed it. */
export interface ParsedSecretRef {
  /** Safe human-readable form for messages (e.g. `vault:secret/shop/db#password`). */
  readonly display: string;
  /** References of one provider with equal fetch keys are fetched once per run. */
  readonly fetchKey: string;
}

/** What a provider may use while checking or fetching. One context per run. */
export interface SecretProviderContext {
  readonly projectRoot: string;
  readonly fs: ProjectFs;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly config: SecretsConfig;
  /** Per HTTP request / backend call. */
  readonly timeoutMs: number;
  /** Extra attempts on network errors and 5xx answers. */
  readonly retries: number;
  /** Base of the exponential backoff between retries. */
  readonly retryDelayMs: number;
  /**
   * Per-run memo shared by all references: the first call for `key` runs `fn`, later calls get
   * the same promise (one Vault login, one parse of a sops file, …).
   */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Registers cleanup (closing clients) to run when the run's fetches are done. */
  atEnd(cleanup: () => void): void;
}

/**
 * A secret backend. Built-ins: `vault`, `awskms`, `sops`, `env`, `file`; embedders pass more
 * (or replacements, matched by `scheme`) in `ResolveSecretsOptions.providers`.
 *
 * Failures inside `fetch` should be thrown as `SecretFetchError` (its code and message are
 * reported as they are); anything else thrown is reported by error name only, so that a
 * backend library's message (which may hold a token or ciphertext) never reaches a report.
 */
export interface SecretProvider<R extends ParsedSecretRef = ParsedSecretRef, U = unknown> {
  /** The prefix before `:` in string references, or the key of the object form. */
  readonly scheme: string;
  /** `body` is the text after `scheme:`, or the whole object for the object form. */
  parse(body: string | Readonly<Record<string, unknown>>): R | SecretProblem;
  /** Offline checks for `--secrets redact` (contacts no backend). */
  check?(ref: R, ctx: SecretProviderContext): Promise<SecretProblem | undefined>;
  /** Fetches what `ref.fetchKey` names; called once per distinct fetch key per run. */
  fetch(ref: R, ctx: SecretProviderContext): Promise<U>;
  /** Picks this reference's value out of what `fetch` returned. */
  select(unit: U, ref: R): string | SecretProblem;
}

export function isSecretProblem(value: unknown): value is SecretProblem {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && !('fetchKey' in value);
}
