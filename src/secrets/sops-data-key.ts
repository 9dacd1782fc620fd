import { collectAgeIdentities } from './age-identities.js';
import { kmsDecrypt } from './kms-decrypt.js';
import { SecretFetchError } from './secret-fetch-error.js';
import type { SecretProviderContext } from './secret-provider.js';
import type { SopsDocument } from './sops-file.js';

/**
 * Unwraps a sops file's 32-byte data key: first with a local age identity whose recipient the
 * file lists, then through AWS KMS for each KMS key the file lists.
 */
export async function sopsDataKey(doc: SopsDocument, ctx: SecretProviderContext, display: string): Promise<Uint8Array> {
  const meta = doc.metadata;
  const tried: string[] = [];
  if (meta.age.length > 0) {
    const { identities, sources } = collectAgeIdentities(ctx);
    tried.push(`age identities from ${sources.join(', ')}`);
    if (identities.length > 0) {
      const age = await ctx.memo('sops:age-module', () => import('age-encryption'));
      const mine = await ctx.memo('sops:age-recipients', async () => {
        const pairs = new Map<string, string>();
        for (const identity of identities) {
          try {
            pairs.set(await age.identityToRecipient(identity), identity);
          } catch {
            // A malformed line in a key file is skipped, as sops does; it is never echoed.
          }
        }
        return pairs;
      });
      for (const stanza of meta.age) {
        const identity = mine.get(stanza.recipient);
        if (identity === undefined) continue;
        try {
          const decrypter = new age.Decrypter();
          decrypter.addIdentity(identity);
          const key = await decrypter.decrypt(age.armor.decode(stanza.enc), 'uint8array');
          if (key.length === 32) return key;
        } catch {
          // fall through to the next recipient; the error text is not needed (nor safe)
        }
        throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: the data key for age recipient ${stanza.recipient} does not decrypt`);
      }
    }
  }
  const kmsFailures: SecretFetchError[] = [];
  for (const key of meta.kms) {
    tried.push(`AWS KMS key ${key.arn}`);
    try {
      const region = /^arn:[^:]+:kms:([^:]+):/.exec(key.arn)?.[1];
      const dataKey = await kmsDecrypt({ ciphertext: Buffer.from(key.enc, 'base64'), context: key.context, keyId: key.arn, region }, ctx);
      if (dataKey.length === 32) return dataKey;
    } catch (error) {
      if (error instanceof SecretFetchError) kmsFailures.push(error);
    }
  }
  const firstKmsFailure = kmsFailures[0];
  if (firstKmsFailure && meta.age.length === 0) throw firstKmsFailure;
  const recipients = meta.age.map((a) => a.recipient).filter((r) => r !== '');
  const other = meta.otherKeyTypes.length > 0 ? `; unsupported key types in the file: ${meta.otherKeyTypes.join(', ')}` : '';
  throw new SecretFetchError(
    'SOPS_NO_KEY',
    `${display}: no available key unwraps the data key (file recipients: ${recipients.join(', ') || 'none'}${meta.kms.length ? `, ${meta.kms.length} KMS key(s)` : ''}${other})`,
    {
      hint: `tried ${tried.join('; ') || 'nothing'}${firstKmsFailure ? `; KMS: ${firstKmsFailure.message}` : ''}. Set SOPS_AGE_KEY_FILE or sops.ageKeyFile in copperplate.yaml`,
    },
  );
}
