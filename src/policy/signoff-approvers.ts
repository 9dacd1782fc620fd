import type { SignoffApprovers } from '../core/signoff-approvers.js';
import { codeownersRuleFor, parseCodeowners } from './codeowners.js';
import { APPROVAL_NAMESPACE } from './signing/approval-payload.js';
import type { AllowedSigner } from './signing/allowed-signers.js';
import { matchesPatternList } from './signing/ssh-pattern.js';

export interface SignoffApproversInput {
  /** approvals.yaml relative to the repository root (to the project root outside git). */
  approvals: string;
  /** Whether the project is in a git repository at all. */
  inRepository: boolean;
  /** The repository's CODEOWNERS file (the first of GitHub's locations that exists), when there is one. */
  codeowners?: { file: string; text: string };
  /** `approvalSigning`, with its allowed-signers file read. */
  signing?: { file: string; signers: readonly AllowedSigner[]; require: boolean };
}

/**
 * Who must sign a sign-off, derived from what the repository enforces: the CODEOWNERS rule that
 * owns approvals.yaml (whose review GitHub requires when branch protection asks for code-owner
 * review), and with `approvalSigning.require` the principals whose signature counts.
 */
export function signoffApprovers(input: SignoffApproversInput): SignoffApprovers {
  const out: Omit<SignoffApprovers, 'summary'> = { approvals: input.approvals };
  const rule = input.codeowners && codeownersRuleFor(parseCodeowners(input.codeowners.text), input.approvals);
  if (rule && input.codeowners) out.codeowners = { file: input.codeowners.file, line: rule.line, pattern: rule.pattern, owners: rule.owners };
  if (input.signing?.require) out.signers = { file: input.signing.file, principals: principals(input.signing.signers) };
  return { ...out, summary: summary(out, input.inRepository) };
}

/** The principals that may sign approvals: positive patterns of lines valid in copperplate's namespace. */
function principals(signers: readonly AllowedSigner[]): string[] {
  const seen = new Set<string>();
  for (const s of signers) {
    if (s.namespaces !== undefined && !matchesPatternList(APPROVAL_NAMESPACE, s.namespaces)) continue;
    for (const p of s.principals.split(',')) if (p !== '' && !p.startsWith('!')) seen.add(p);
  }
  return [...seen];
}

function oneOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function summary(a: Omit<SignoffApprovers, 'summary'>, inRepository: boolean): string {
  const rule = a.codeowners;
  const owners = rule !== undefined && rule.owners.length > 0 ? `${oneOf(rule.owners)} (code owners of ${a.approvals}, ${rule.file}:${rule.line})` : undefined;
  const unowned =
    rule !== undefined
      ? `${a.approvals} has no owner (${rule.file}:${rule.line})`
      : inRepository
        ? `no CODEOWNERS rule covers ${a.approvals}`
        : `${a.approvals} is not in a git repository`;
  if (a.signers !== undefined) {
    if (a.signers.principals.length === 0) return `nobody yet: approvalSigning.require is on and ${a.signers.file} lists no signer`;
    const signers = `${oneOf(a.signers.principals)} (allowed signers, ${a.signers.file})`;
    return owners === undefined ? `${signers}; ${unowned}` : `${signers}, with a review by ${owners}`;
  }
  if (owners !== undefined) return owners;
  return `anyone ${inRepository ? 'with write access to the repository' : `who can edit ${a.approvals}`}: ${unowned} and signatures are not required`;
}
