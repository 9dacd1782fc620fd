import { createHash } from 'node:crypto';
import { kmsDecrypt } from './kms-decrypt.js';
import type { ParsedSecretRef, SecretProblem, SecretProvider } from './secret-provider.js';

interface KmsRef extends ParsedSecretRef {
  readonly ciphertext: string;
  readonly context: Readonly<Record<string, string>> | undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * `awskms:<base64>` or `{ awskms: <base64>, context: {…} }`: AWS KMS Decrypt. The ciphertext
 * is never shown; references are named by a short digest of it.
 */
export const awskmsProvider: SecretProvider<KmsRef, string> = {
  scheme: 'awskms',
  parse(body): KmsRef | SecretProblem {
    const syntax = (message: string): SecretProblem => ({
      code: 'SECRET_REF_SYNTAX',
      message,
      hint: 'write awskms:<base64 ciphertext> or { awskms: <base64 ciphertext>, context: { key: value } }',
    });
    let ciphertext: unknown;
    let context: Record<string, string> | undefined;
    if (typeof body === 'string') {
      ciphertext = body;
    } else {
      const extra = Object.keys(body).filter((k) => k !== 'awskms' && k !== 'context');
      if (extra.length > 0) return syntax(`unknown key ${extra.map((k) => JSON.stringify(k)).join(', ')} in an awskms reference`);
      ciphertext = body['awskms'];
      const raw = body['context'];
      if (raw !== undefined && raw !== null) {
        if (typeof raw !== 'object' || Array.isArray(raw)) return syntax('awskms context must be a mapping of strings');
        context = {};
        for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
          if (typeof v !== 'string') return syntax(`awskms context value "${k}" must be a string`);
          context[k] = v;
        }
      }
    }
    if (typeof ciphertext !== 'string' || ciphertext === '' || !BASE64.test(ciphertext)) {
      return syntax('awskms needs base64 ciphertext');
    }
    const canonical = JSON.stringify([ciphertext, Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
    const digest = createHash('sha256').update(canonical).digest('hex');
    const ctxKeys = context ? Object.keys(context).sort() : [];
    return {
      display: `awskms:sha256-${digest.slice(0, 12)}${ctxKeys.length ? ` context ${ctxKeys.join(',')}` : ''}`,
      fetchKey: digest,
      ciphertext,
      context,
    };
  },
  async fetch(ref, ctx) {
    const plaintext = await kmsDecrypt({ ciphertext: Buffer.from(ref.ciphertext, 'base64'), context: ref.context }, ctx);
    return Buffer.from(plaintext).toString('utf8');
  },
  select: (unit) => unit,
};
