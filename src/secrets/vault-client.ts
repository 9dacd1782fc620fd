import { withRetries } from './retry.js';
import { SecretFetchError } from './secret-fetch-error.js';

export interface VaultClientOptions {
  address: string;
  namespace?: string | undefined;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

export interface VaultAnswer {
  status: number;
  body: unknown;
}

/**
 * A minimal typed Vault HTTP API client on Node's fetch. It exists instead of node-vault
 * because that library's errors carry the request (with the X-Vault-Token header) into
 * anything that inspects or serialises them; here a failure is rebuilt from the method, the
 * API path and the status only, and the token lives in no property of any object.
 */
export class VaultClient {
  /** Scheme, host and port only: an address may carry user:password in its userinfo. */
  readonly origin: string;
  readonly #base: string;
  readonly #namespace: string | undefined;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  /**
   * Set once Vault timed out or stayed unreachable: later requests of the run fail at once
   * with it. Requests queue behind the concurrency cap and mount detections run one at a
   * time, so otherwise a Vault that stopped answering would cost one timeout per batch.
   */
  #down: SecretFetchError | undefined;
  readonly #networkErrors = new WeakSet<SecretFetchError>();

  constructor(options: VaultClientOptions) {
    const url = new URL(options.address);
    this.origin = url.origin;
    this.#base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.#namespace = options.namespace;
    this.#timeoutMs = options.timeoutMs;
    this.#retries = options.retries;
    this.#retryDelayMs = options.retryDelayMs;
  }

  /**
   * Sends one API request (`apiPath` below /v1/, already encoded), retrying network errors and
   * 5xx answers. Other statuses are returned for the caller to interpret.
   */
  request(method: 'GET' | 'POST', apiPath: string, options: { token?: string; body?: unknown } = {}): Promise<VaultAnswer> {
    const what = `${method} ${apiPath.replace(/\?.*$/, '')}`;
    if (this.#down) return Promise.reject(this.#down);
    return withRetries(this.#retries, this.#retryDelayMs, async () => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.token !== undefined) headers['x-vault-token'] = options.token;
      if (this.#namespace) headers['x-vault-namespace'] = this.#namespace;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const init: RequestInit = { method, headers, signal: AbortSignal.timeout(this.#timeoutMs), redirect: 'manual' };
      if (options.body !== undefined) init.body = JSON.stringify(options.body);
      let status: number;
      let text: string;
      try {
        const res = await fetch(`${this.#base}/v1/${apiPath}`, init);
        status = res.status;
        text = await res.text();
      } catch (error) {
        throw this.#networkError(what, error);
      }
      // A redirect is not followed: the token would go along to wherever it points.
      if (status >= 300 && status < 400) {
        throw new SecretFetchError('SECRET_UNRESOLVED', `Vault at ${this.origin} redirected ${what} (${status})`, {
          hint: 'point VAULT_ADDR at the active Vault node',
        });
      }
      if (status >= 500) {
        throw new SecretFetchError('SECRET_UNRESOLVED', `Vault at ${this.origin} answered ${status} to ${what}`, {
          retryable: true,
        });
      }
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status, body };
    }).catch((error: unknown) => {
      if (error instanceof SecretFetchError && this.#networkErrors.has(error)) this.#down ??= error;
      throw error;
    });
  }

  #networkError(what: string, error: unknown): SecretFetchError {
    const e = this.#describeNetworkError(what, error);
    this.#networkErrors.add(e);
    return e;
  }

  #describeNetworkError(what: string, error: unknown): SecretFetchError {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new SecretFetchError('SECRET_TIMEOUT', `Vault at ${this.origin} did not answer ${what} within ${this.#timeoutMs} ms`, {
        hint: 'check VAULT_ADDR and the network path to Vault',
      });
    }
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    const code = typeof cause?.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(cause.code) ? ` (${cause.code})` : '';
    return new SecretFetchError('SECRET_UNRESOLVED', `Vault at ${this.origin} is unreachable${code}`, {
      retryable: true,
      hint: 'check VAULT_ADDR and the network path to Vault',
    });
  }
}

/** Encodes a logical Vault path segment by segment. */
export function encodeVaultPath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
}
