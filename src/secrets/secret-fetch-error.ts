import type { DiagnosticCode } from '../core/diagnostic-code.js';

/**
 * A backend failure rebuilt from safe fields only (status codes, error names, paths). It never
 * keeps the original error as `cause`: HTTP client errors carry request headers (tokens) and
 * SDK errors can echo ciphertext, and `util.inspect`/JSON of an error walks its cause.
 */
export class SecretFetchError extends Error {
  readonly code: DiagnosticCode;
  /** Network errors and 5xx answers are worth another attempt; nothing else is. */
  readonly retryable: boolean;
  readonly hint: string | undefined;
  constructor(code: DiagnosticCode, message: string, options: { retryable?: boolean; hint?: string } = {}) {
    super(message);
    this.name = 'SecretFetchError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint;
  }
}

export function isSecretFetchError(value: unknown): value is SecretFetchError {
  return value instanceof SecretFetchError;
}
