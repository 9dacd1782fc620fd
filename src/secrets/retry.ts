import { setTimeout as sleep } from 'node:timers/promises';
import { isSecretFetchError } from './secret-fetch-error.js';

/**
 * Runs `attempt` up to `retries + 1` times while it fails with a retryable SecretFetchError
 * (network error, 5xx), waiting `baseDelayMs · 2^n` between attempts.
 */
export async function withRetries<T>(retries: number, baseDelayMs: number, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= retries || !isSecretFetchError(error) || !error.retryable) throw error;
      await sleep(baseDelayMs * 2 ** n);
    }
  }
}
