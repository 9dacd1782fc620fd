/**
 * Who can make a sign-off count, as the repository enforces it (SPEC §5.4): copperplate records
 * approvals, the repository decides who may write them. Carried by reports with sign-offs.
 */
export interface SignoffApprovers {
  /** approvals.yaml, relative to the repository root (to the project root outside git). */
  approvals: string;
  /** The CODEOWNERS rule that owns approvals.yaml (GitHub: the last matching pattern), when one does. */
  codeowners?: { file: string; line: number; pattern: string; owners: string[] };
  /** With `approvalSigning.require`: the principals of the allowed-signers file, one of which an entry's `by` must be. */
  signers?: { file: string; principals: string[] };
  /** One sentence for people: who must sign, or that nothing restricts it. */
  summary: string;
}
