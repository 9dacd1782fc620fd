import type { Approval } from './approval.js';
import type { Diagnostic, Location } from './diagnostic.js';

/**
 * What became of one approvals.yaml entry in a run. counted: it covers findings; unused: it
 * covers none; expired; unsigned: signing is required and it has no signature; bad-signature:
 * its signature does not verify; skipped: about a formation the run did not check; invalid: a
 * waiver the rules refuse (of a sign-off, or expiring more than maxWaiverDays ahead).
 */
export type ApprovalStatus = 'counted' | 'unused' | 'expired' | 'unsigned' | 'bad-signature' | 'skipped' | 'invalid';

/** An entry's signature as checked against the allowed signers. */
export type SignatureState =
  /** `principals`: the allowed-signers line's principals; `key`: `SHA256:…`; `signer`: that line. */
  | { state: 'verified'; principals: string; key: string; signer: Location }
  | { state: 'bad'; reason: string; key?: string }
  | { state: 'unsigned' }
  /** Signed, but no `approvalSigning` says whom to trust. */
  | { state: 'unchecked' };

/** What became of one entry in a run. */
export interface ApprovalState {
  approval: Approval;
  status: ApprovalStatus;
  signature: SignatureState;
  /** How many findings of the run it covers. */
  covers: number;
}

/** One approvals.yaml entry as `copperplate approvals` lists it: its fields, what became of it, and where it is. */
export interface ApprovalListEntry extends Omit<Approval, 'signature' | 'location' | 'expiresLocation'>, Omit<ApprovalState, 'approval'> {
  file: string;
  line: number;
  column: number;
}

/** `copperplate approvals` (`--format json` prints it as is). */
export interface ApprovalList {
  version: 1;
  /** The approvals file, project-relative. */
  file: string;
  /** `approvalSigning` of the project, when set. */
  signing?: { allowedSigners: string; require: boolean };
  entries: ApprovalListEntry[];
  /** Problems of the run (an error means the statuses could not be decided). */
  diagnostics: Diagnostic[];
  /** 0, or 2 when copperplate could not do its job. */
  exitCode: 0 | 2;
}
