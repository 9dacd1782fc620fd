// The policy layer's API for the engine.
export * from './define-policy.js';
export type { LoadedPolicy } from './loaded-policy.js';
export { runPolicies, DEFAULT_POLICY_TIMEOUT_MS, type PolicyRunInput, type PolicyRunOptions } from './policy-runner.js';
export { matchesPolicy, apiVersionMatches } from './policy-match.js';
export { containersOf } from './containers.js';
export { isWorkload, podSpecPath, podTemplatePath, runsToCompletion } from './workload-shape.js';
export { parseImage } from './image-ref.js';
export { fingerprint, FINGERPRINT_PATTERN, isFingerprint, type FingerprintInput } from './fingerprint.js';
export { canonicalJson, getPath, jsonEqual, parsePath } from './json-value.js';
export { testPolicy, expectPolicy } from './policy-tester.js';
export { loadPolicies, policyEntryPath, type LoadPoliciesOptions } from './policy-loader.js';
export { PolicySandbox } from './policy-sandbox.js';
export { policyShapeProblems, POLICY_ID_PATTERN } from './policy-shape.js';
export { approvalResourceLabel } from '../core/finding.js';
export { parseApprovals, expiryTime } from './approvals.js';
export type { Approval, ApprovalEntry } from '../core/approval.js';
export {
  applyApprovals,
  type ApplyApprovalsOptions,
  type ApprovalSigning,
  type ApprovalState,
} from './apply-approvals.js';
export { parseAllowedSigners, type AllowedSigner } from './signing/allowed-signers.js';
export { approvalPayload, APPROVAL_NAMESPACE, PAYLOAD_FIELDS } from './signing/approval-payload.js';
export { checkApprovalSignature, type SignatureCheck } from './signing/approval-signature.js';
export { appendApproval } from './append-approval.js';
export { diffManifests, renderDiff, type ResourceDiff, type ValueChange, type DiffOptions } from './manifest-diff.js';
export { asBuiltin, selectPolicies } from './select-policies.js';
export { isPolicyFile } from './policy-files.js';
export { CODEOWNERS_LOCATIONS, CODEOWNERS_MAX_BYTES, codeownersRuleFor, parseCodeowners, type CodeownersRule } from './codeowners.js';
export { BUILTIN_POLICIES_DOC, builtinPolicyDocs } from './builtin/docs-url.js';
export { signoffApprovers, type SignoffApproversInput } from './signoff-approvers.js';
