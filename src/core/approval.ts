import type { Location } from './location.js';

/**
 * One entry of approvals.yaml (SPEC §5.4): a sign-off (with a fingerprint: approves one exact
 * change) or a waiver (no fingerprint: silences a policy on one resource until it expires).
 * The policy layer reads and applies them; `copperplate approvals` lists them.
 */
export interface Approval {
  kind: 'signoff' | 'waiver';
  fingerprint?: string;
  policy?: string;
  /** `<formation>/<Kind>/<namespace>/<name>`, namespace segment omitted when there is none. */
  resource?: string;
  by: string;
  reason: string;
  /** `YYYY-MM-DD` (valid through that day, UTC) or an ISO date-time. */
  expires?: string;
  /** Where `expires` is written, for diagnostics about the date. */
  expiresLocation?: Location;
  /** An armored SSH signature (`ssh-keygen -Y sign`) over the entry's canonical payload. */
  signature?: string;
  /** Where the entry starts, for diagnostics about it. */
  location: Location;
}

/** An entry as written to approvals.yaml (and signed): its fields without what reading it adds. */
export type ApprovalEntry = Omit<Approval, 'kind' | 'location' | 'expiresLocation'>;
