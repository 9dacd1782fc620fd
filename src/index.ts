// The copperplate library (SPEC §9). Explicit named exports only: this list is the public API.
// Nothing reachable from here touches process.exit, process.argv or the console.

export { loadProject, findProjectRoot, type LoadProjectOptions, type Project } from './engine/project.js';
export { loadProjectAtRef, type RefProject } from './engine/ref-project.js';
export {
  render,
  check,
  validate,
  type RenderApiOptions,
  type RenderApiResult,
  type CheckApiOptions,
  type ValidateApiOptions,
  type ValidateInput,
} from './engine/api.js';
export type { HostOptions, FormationRunOptions } from './engine/host-options.js';
export type { RunResult } from './engine/check-manifests.js';
export { diff, type DiffApiOptions, type DiffApiResult } from './engine/diff.js';
export { explain, type ExplainApiOptions, type ExplainApiResult, type Explanation } from './engine/explain.js';
export { approve, type ApproveApiOptions, type ApproveApiResult } from './engine/approve.js';
export { precommit, type PrecommitApiOptions, type PrecommitApiResult } from './engine/precommit-check.js';
export { renderProject, type RenderOptions, type RenderResult, type RenderedFormation, type SecretsMode } from './engine/render-project.js';
export type { BaselineSource } from './engine/baseline.js';
export type { Config } from './engine/config.js';
export type { PolicyLoader } from './engine/project-policies.js';
export { formatReport, REPORT_FORMATS, type FormatOptions, type ReportFormat, type RuleMeta } from './report/index.js';

export type { Diagnostic, Location, Severity } from './core/diagnostic.js';
export type { Finding, FindingSeverity } from './core/finding.js';
export type { Manifest, ResourceId, SourcePointer, JsonPath } from './core/manifest.js';
export type { Report, ReportSummary, FailOn, ExitCode } from './core/report.js';
export { compareDiagnostics, compareFindings } from './core/report-order.js';
export { CopperplateError } from './core/copperplate-error.js';
export { SecretValue, isSecretValue } from './core/secret-value.js';
export { memoryFs, nodeFs, type ProjectFs } from './core/project-fs.js';
export { manifestsFromYaml } from './core/yaml-document.js';

export type { SecretProvider, SecretProviderContext, SecretRefSpec, ParsedSecretRef, SecretProblem } from './secrets/index.js';
export { builtinSecretProviders } from './secrets/index.js';
export { definePolicy, type Policy, type PolicyContext, type KubernetesResource } from './policy/define-policy.js';
export type { LoadedPolicy, ResourceDiff, ValueChange } from './policy/index.js';
export type { PlaceholderExplanation } from './render/index.js';
export { builtinPolicies, builtinPacks } from './policy/builtin/index.js';
export { approvals, type ApprovalsApiOptions } from './engine/approvals-list.js';
export { approvalPayloadOf, type ApprovalPayloadOptions, type ApprovalPayloadResult } from './engine/approval-payload-of.js';
export { sshKeygenSigner, type ApprovalSigner, type SshKeygenSignerOptions } from './engine/ssh-keygen-signer.js';
export { formatApprovalList } from './report/index.js';
export type { ApprovalList, ApprovalListEntry, ApprovalStatus, SignatureState } from './core/approval-status.js';
export { APPROVAL_NAMESPACE, approvalPayload, checkApprovalSignature, parseAllowedSigners, type AllowedSigner, type SignatureCheck } from './policy/index.js';
