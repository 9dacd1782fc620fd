import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { HttpTestServer, type RecordedRequest } from './http-test-server.js';

export interface KmsTestKey {
  arn: string;
  /** Every Decrypt/Encrypt with this key answers AccessDeniedException. */
  denied?: boolean;
  /** Every use answers DisabledException. */
  disabled?: boolean;
}

export interface KmsServerOptions {
  keys: KmsTestKey[];
  /** Requests must be SigV4-signed with this access key id (else UnrecognizedClientException). */
  accessKeyId: string;
}

/**
 * A small AWS KMS written for tests from the JSON 1.1 protocol documentation
 * (`X-Amz-Target: TrentService.<Op>`): Encrypt, Decrypt, GenerateDataKey. The encryption
 * context is bound as AES-GCM additional data, so a wrong context fails like real KMS does.
 * Ciphertext blob: key index (1 byte) · IV (12) · tag (16) · data.
 */
export class KmsTestServer extends HttpTestServer {
  readonly #keys: { key: KmsTestKey; material: Buffer }[];
  readonly #accessKeyId: string;

  constructor(options: KmsServerOptions) {
    super((req) => this.#answer(req), 'application/x-amz-json-1.1');
    this.#keys = options.keys.map((key) => ({ key, material: randomBytes(32) }));
    this.#accessKeyId = options.accessKeyId;
  }

  /** Requests for one operation, e.g. `Decrypt`. */
  operations(op: string): RecordedRequest[] {
    return this.requests.filter((r) => r.headers['x-amz-target'] === `TrentService.${op}`);
  }

  #answer(req: RecordedRequest): { status: number; body?: unknown } {
    const auth = req.headers['authorization'];
    if (typeof auth !== 'string' || !auth.startsWith('AWS4-HMAC-SHA256 ') || !auth.includes(`Credential=${this.#accessKeyId}/`)) {
      return error(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return error(400, 'SerializationException', 'bad JSON');
    }
    const context = (input['EncryptionContext'] ?? {}) as Record<string, string>;
    switch (req.headers['x-amz-target']) {
      case 'TrentService.Encrypt': {
        const k = this.#find(input['KeyId']);
        if ('status' in k) return k;
        const blob = this.#seal(k.index, Buffer.from(String(input['Plaintext']), 'base64'), context);
        return { status: 200, body: { CiphertextBlob: blob.toString('base64'), KeyId: k.key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } };
      }
      case 'TrentService.GenerateDataKey': {
        const k = this.#find(input['KeyId']);
        if ('status' in k) return k;
        const size = input['KeySpec'] === 'AES_128' ? 16 : typeof input['NumberOfBytes'] === 'number' ? input['NumberOfBytes'] : 32;
        const plaintext = randomBytes(size);
        const blob = this.#seal(k.index, plaintext, context);
        return { status: 200, body: { CiphertextBlob: blob.toString('base64'), Plaintext: plaintext.toString('base64'), KeyId: k.key.arn } };
      }
      case 'TrentService.Decrypt': {
        const blob = Buffer.from(String(input['CiphertextBlob'] ?? ''), 'base64');
        const entry = this.#keys[blob[0] ?? 255];
        if (blob.length < 29 || !entry) return error(400, 'InvalidCiphertextException', '');
        if (input['KeyId'] !== undefined && input['KeyId'] !== entry.key.arn) return error(400, 'IncorrectKeyException', 'The key ID in the request does not identify a KMS key that can perform this operation.');
        const denied = this.#usable(entry.key);
        if (denied) return denied;
        try {
          const d = createDecipheriv('aes-256-gcm', entry.material, blob.subarray(1, 13));
          d.setAAD(aad(context));
          d.setAuthTag(blob.subarray(13, 29));
          const plaintext = Buffer.concat([d.update(blob.subarray(29)), d.final()]);
          return { status: 200, body: { Plaintext: plaintext.toString('base64'), KeyId: entry.key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } };
        } catch {
          return error(400, 'InvalidCiphertextException', '');
        }
      }
      default:
        return error(400, 'UnknownOperationException', '');
    }
  }

  #find(keyId: unknown): { key: KmsTestKey; index: number } | { status: number; body: unknown } {
    const index = this.#keys.findIndex((k) => k.key.arn === keyId || k.key.arn.endsWith(`/${String(keyId)}`));
    const entry = this.#keys[index];
    if (!entry) return error(400, 'NotFoundException', 'Key not found');
    return this.#usable(entry.key) ?? { key: entry.key, index };
  }

  #usable(key: KmsTestKey): { status: number; body: unknown } | undefined {
    if (key.denied) return error(400, 'AccessDeniedException', 'User is not authorized to perform kms:Decrypt');
    if (key.disabled) return error(400, 'DisabledException', 'key is disabled');
    return undefined;
  }

  #seal(index: number, plaintext: Buffer, context: Record<string, string>): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#keys[index]!.material, iv);
    c.setAAD(aad(context));
    const data = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([Buffer.from([index]), iv, c.getAuthTag(), data]);
  }
}

function aad(context: Record<string, string>): Buffer {
  const canonical = JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(canonical).digest();
}

function error(status: number, type: string, message: string): { status: number; body: unknown } {
  return { status, body: { __type: type, message } };
}
