import { matchesPatternList } from './ssh-pattern.js';
import { signerRefusal, type AllowedSigner } from './allowed-signers.js';
import { APPROVAL_NAMESPACE, approvalPayload, type PayloadFields } from './approval-payload.js';
import { parseSshSignature, verifySshSignature } from './ssh-signature.js';

export type SignatureCheck =
  | { valid: true; signer: AllowedSigner }
  | { valid: false; reason: string; key?: string };

/**
 * Whether `signature` is a signature by an allowed signer whose principals match `entry.by`
 * over the entry's canonical payload, in the `copperplate-approval` namespace, at `now`
 * (valid-after / valid-before are checked against the time of the run, as `ssh-keygen -Y
 * verify` checks them against the time it runs). The same answer as
 * `ssh-keygen -Y verify -f ALLOWED -I BY -n copperplate-approval -s SIG < PAYLOAD`.
 */
export function checkApprovalSignature(
  entry: PayloadFields & { by: string },
  signature: string,
  signers: readonly AllowedSigner[],
  now: Date,
): SignatureCheck {
  const parsed = parseSshSignature(signature);
  if ('problem' in parsed) return { valid: false, reason: parsed.problem };
  const sig = parsed.signature;
  const key = sig.publicKey.fingerprint;
  if (sig.namespace !== APPROVAL_NAMESPACE) {
    return { valid: false, key, reason: `signed for namespace "${sig.namespace}", not "${APPROVAL_NAMESPACE}" (sign with -n ${APPROVAL_NAMESPACE})` };
  }
  const lines = signers.filter((s) => s.key.blob.equals(sig.publicKey.blob));
  if (lines.length === 0) return { valid: false, key, reason: `signed with ${sig.publicKey.type} key ${key}, which is not in the allowed signers` };
  const signer = lines.find((s) => signerRefusal(s, entry.by, APPROVAL_NAMESPACE, now) === undefined);
  if (!signer) {
    // the most telling refusal: from a line that names `by` (expired, wrong namespace) if any
    const named = lines.find((s) => matchesPatternList(entry.by, s.principals)) ?? lines[0]!;
    return { valid: false, key, reason: signerRefusal(named, entry.by, APPROVAL_NAMESPACE, now) ?? 'not allowed' };
  }
  const problem = verifySshSignature(sig, approvalPayload(entry), APPROVAL_NAMESPACE);
  if (problem) return { valid: false, key, reason: problem };
  return { valid: true, signer };
}
