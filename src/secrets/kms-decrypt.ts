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

const SAFE_NAME = /^[A-Za-z0-9_.]{1,80}$/;

export function kmsError(error: unknown, timeoutMs: number): SecretFetchError {
  if (error instanceof SecretFetchError) return error;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown }; code?: unknown } | undefined;
  const name = typeof e?.name === 'string' && SAFE_NAME.test(e.name) ? e.name : 'Error';
  const status = typeof e?.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const netCode = typeof e?.code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(e.code) ? e.code : undefined;
  const detail = [name, status === undefined ? undefined : `HTTP ${status}`, netCode].filter(Boolean).join(', ');
  const message = `AWS KMS Decrypt failed (${detail})`;
  switch (name) {
    case 'AccessDeniedException':
      return new SecretFetchError('SECRET_ACCESS_DENIED', message);
    case 'InvalidCiphertextException':
    case 'IncorrectKeyException':
    case 'InvalidKeyUsageException':
      return new SecretFetchError('KMS_DECRYPT_FAILED', message, {
        hint: 'the ciphertext, its encryption context or the key does not match',
      });
    case 'NotFoundException':
    case 'DisabledException':
    case 'KeyUnavailableException':
    case 'KMSInvalidStateException':
      return new SecretFetchError('KMS_KEY_UNAVAILABLE', message);
    case 'CredentialsProviderError':
      return new SecretFetchError('KMS_CREDENTIALS_MISSING', 'no AWS credentials for KMS', {
        hint: 'provide credentials through the standard AWS chain (environment, profile, web identity, instance role)',
      });
    case 'AbortError':
    case 'TimeoutError':
    case 'RequestTimeout':
    case 'RequestTimeoutException':
      return new SecretFetchError('SECRET_TIMEOUT', `AWS KMS did not answer within ${timeoutMs} ms`);
    default:
      return new SecretFetchError('SECRET_UNRESOLVED', message);
  }
}
