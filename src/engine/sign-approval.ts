import { CopperplateError } from '../core/copperplate-error.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { approvalPayload, checkApprovalSignature, type ApprovalEntry, type ApprovalSigning } from '../policy/index.js';
import type { ApprovalSigner } from './ssh-keygen-signer.js';

/**
 * `entry` with a signature over its canonical payload, made by `sign` and verified against the
 * allowed signers before anything is written: a key that would not make the entry count is
 * refused here (`APPROVAL_SIGNER_NOT_ALLOWED`), not discovered by the next CI run.
 */
export async function signApprovalEntry(
  entry: ApprovalEntry,
  sign: ApprovalSigner,
  signing: ApprovalSigning | undefined,
  now: Date,
): Promise<{ entry: ApprovalEntry } | { diagnostic: Diagnostic }> {
  if (!signing) {
    return {
      diagnostic: diagnostic('APPROVAL_SIGNING_NOT_CONFIGURED', '--sign needs approvalSigning.allowedSigners in copperplate.yaml: without it no signature is checked', undefined, {
        hint: 'add `approvalSigning: { allowedSigners: .copperplate/allowed_signers, require: true }` and list the signers there (README "Signed sign-offs")',
      }),
    };
  }
  let signature: string;
  try {
    signature = await sign(approvalPayload(entry));
  } catch (err) {
    if (err instanceof CopperplateError) return { diagnostic: diagnostic('APPROVAL_SIGN_FAILED', err.message) };
    throw err;
  }
  const checked = checkApprovalSignature(entry, signature, signing.signers, now);
  if (!checked.valid) {
    return {
      diagnostic: diagnostic('APPROVAL_SIGNER_NOT_ALLOWED', `the signature would not count for ${entry.by}: ${checked.reason}; nothing was written`, undefined, {
        hint: `sign with a key that the allowed signers list for ${entry.by}, or add "${entry.by} <keytype> <key>" to the allowed-signers file (reviewed like any change to who may approve)`,
      }),
    };
  }
  return { entry: { ...entry, signature } };
}
