import type { DiagnosticCode } from '../core/diagnostic-code.js';
import { checkConfigAddress } from './config-address.js';
import { SecretFetchError } from './secret-fetch-error.js';
import type { SecretProviderContext } from './secret-provider.js';

export interface KmsDecryptInput {
  ciphertext: Uint8Array;
  context?: Readonly<Record<string, string>> | undefined;
  /** Key ARN, when known (sops records it); KMS can find the key from the ciphertext alone. */
  keyId?: string | undefined;
  /** Region that overrides the configured one (a key ARN names its region). */
  region?: string | undefined;
}

type KmsModule = typeof import('@aws-sdk/client-kms');
type KmsClient = InstanceType<KmsModule['KMSClient']>;

/**
 * AWS KMS Decrypt through @aws-sdk/client-kms, loaded on first use so that runs without KMS
 * references (and every redact run) never load the SDK. The SDK retries network errors,
 * throttling and 5xx itself (`maxAttempts` = retries + 1); its errors are rebuilt from the
 * error name and HTTP status only.
 */
export async function kmsDecrypt(input: KmsDecryptInput, ctx: SecretProviderContext): Promise<Uint8Array> {
  const env = ctx.env;
  const region = input.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? ctx.config.kms?.region;
  if (!region) {
    throw new SecretFetchError('KMS_REGION_MISSING', 'no AWS region for KMS', { hint: 'set AWS_REGION or kms.region in copperplate.yaml' });
  }
  const fromEnv = env['AWS_ENDPOINT_URL_KMS'] ?? env['AWS_ENDPOINT_URL'];
  const configured = ctx.config.kms?.endpoint;
  if (fromEnv === undefined && configured !== undefined) checkConfigAddress(configured, 'kms.endpoint', 'AWS_ENDPOINT_URL_KMS', env);
  const sdk = await ctx.memo('kms:sdk', () => import('@aws-sdk/client-kms'));
  const client = await ctx.memo(`kms:client:${region}`, async () => {
    const c = kmsClient(sdk, region, ctx);
    ctx.atEnd(() => c.destroy());
    return c;
  });
  // Fetches queue behind the concurrency cap: once KMS has not answered within the timeout,
  // the rest of the run fails at once instead of waiting out one timeout per batch.
  const state = await ctx.memo(`kms:state:${region}`, async () => ({ down: undefined as SecretFetchError | undefined }));
  if (state.down) throw state.down;
  try {
    const out = await client.send(
      new sdk.DecryptCommand({
        CiphertextBlob: input.ciphertext,
        ...(input.context && Object.keys(input.context).length > 0 ? { EncryptionContext: { ...input.context } } : {}),
        ...(input.keyId ? { KeyId: input.keyId } : {}),
      }),
      // the timeout bounds the whole fetch, retries included, as for Vault
      { abortSignal: AbortSignal.timeout(ctx.timeoutMs) },
    );
    if (!out.Plaintext) throw new SecretFetchError('KMS_DECRYPT_FAILED', 'AWS KMS Decrypt returned no plaintext');
    return out.Plaintext;
  } catch (error) {
    const failure = kmsError(error, ctx.timeoutMs);
    if (failure.code === 'SECRET_TIMEOUT') state.down ??= failure;
    throw failure;
  }
}

function kmsClient(sdk: KmsModule, region: string, ctx: SecretProviderContext): KmsClient {
  const env = ctx.env;
  const endpoint = env['AWS_ENDPOINT_URL_KMS'] ?? env['AWS_ENDPOINT_URL'] ?? ctx.config.kms?.endpoint;
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  const sessionToken = env['AWS_SESSION_TOKEN'];
  return new sdk.KMSClient({
    region,
    maxAttempts: ctx.retries + 1,
    // No per-attempt request timeout: the abort signal of each Decrypt bounds it, and a
    // timed-out attempt is not retried into another full timeout.
    requestHandler: { connectionTimeout: ctx.timeoutMs },
    ...(endpoint ? { endpoint } : {}),
    // Credentials in the injected environment win; otherwise the SDK's standard chain.
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {}),
  });
}

/** The ciphertext and the key (or its context) do not belong together: one cause, several names. */
const MISMATCH: { code: DiagnosticCode; hint: string } = { code: 'KMS_DECRYPT_FAILED', hint: 'the ciphertext, its encryption context or the key does not match' };

/**
 * The KMS error names this client knows, each with its code and a hint. An error's name is the
 * server's `__type`; only a name found here is shown (it is then our own text), anything else
 * is reported by HTTP status alone, so a server's strings never reach a diagnostic.
 */
const KMS_ERRORS: Readonly<Record<string, { code: DiagnosticCode; hint?: string }>> = {
  AccessDeniedException: { code: 'SECRET_ACCESS_DENIED' },
  InvalidCiphertextException: MISMATCH,
  IncorrectKeyException: MISMATCH,
  InvalidKeyUsageException: MISMATCH,
  NotFoundException: { code: 'KMS_KEY_UNAVAILABLE' },
  DisabledException: { code: 'KMS_KEY_UNAVAILABLE' },
  KeyUnavailableException: { code: 'KMS_KEY_UNAVAILABLE' },
  KMSInvalidStateException: { code: 'KMS_KEY_UNAVAILABLE' },
  UnrecognizedClientException: { code: 'SECRET_UNRESOLVED', hint: 'AWS does not know the access key: check the AWS credentials' },
  InvalidSignatureException: { code: 'SECRET_UNRESOLVED', hint: 'the request signature does not match: check the AWS secret key' },
  ExpiredTokenException: { code: 'SECRET_UNRESOLVED', hint: 'the AWS session token has expired' },
  ThrottlingException: { code: 'SECRET_UNRESOLVED' },
  KMSInternalException: { code: 'SECRET_UNRESOLVED' },
  DependencyTimeoutException: { code: 'SECRET_UNRESOLVED' },
};

const TIMEOUT_NAMES = new Set(['AbortError', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

export function kmsError(error: unknown, timeoutMs: number): SecretFetchError {
  if (error instanceof SecretFetchError) return error;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown }; code?: unknown } | undefined;
  const name = typeof e?.name === 'string' ? e.name : '';
  const status = typeof e?.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  if (name === 'CredentialsProviderError') {
    return new SecretFetchError('KMS_CREDENTIALS_MISSING', 'no AWS credentials for KMS', {
      hint: 'provide credentials through the standard AWS chain (environment, profile, web identity, instance role)',
    });
  }
  if (TIMEOUT_NAMES.has(name)) return new SecretFetchError('SECRET_TIMEOUT', `AWS KMS did not answer within ${timeoutMs} ms`);
  const known = Object.hasOwn(KMS_ERRORS, name) ? KMS_ERRORS[name] : undefined;
  // a network error's code (ECONNREFUSED) is Node's own; on an answer, fields may be the server's
  const netCode = status === undefined && typeof e?.code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(e.code) ? e.code : undefined;
  const detail = [known ? name : status === undefined ? undefined : 'an error this client does not know', status === undefined ? undefined : `HTTP ${status}`, netCode];
  const message = `AWS KMS Decrypt failed${detail.some(Boolean) ? ` (${detail.filter(Boolean).join(', ')})` : ''}`;
  if (known) return new SecretFetchError(known.code, message, known.hint === undefined ? {} : { hint: known.hint });
  return new SecretFetchError('SECRET_UNRESOLVED', message);
}
