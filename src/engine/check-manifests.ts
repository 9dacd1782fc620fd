import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { BUILD_ID, ContentCache } from '../core/content-cache.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Manifest } from '../core/manifest.js';
import { maskAndClip } from '../core/secret-value.js';
import { buildReport, type FormationSummary, type Report, type ReportInput } from '../core/report.js';
import type { ResourceDiff } from '../core/resource-diff.js';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import { manifestsFromYaml } from '../core/yaml-document.js';
import { applyApprovals, diffManifests, runPolicies, type ApprovalState, type FormationInfo, type LoadedPolicy, type PolicyRunOptions, builtinPolicyDocs } from '../policy/index.js';
import { checkCrd, createSchemaValidator, locateProblems, type SchemaValidator } from '../schema/index.js';
import type { RuleMeta } from '../report/index.js';
import { projectApprovals } from './project-approvals.js';
import { projectApprovers } from './project-approvers.js';
import type { SignoffApprovers } from '../core/signoff-approvers.js';
import { projectPolicies, type PolicyLoader } from './project-policies.js';
import type { Project } from './project.js';
import { hideBaselineSecrets } from './baseline-secrets.js';
import { redactBaseline, standInNames } from './redact-baseline.js';
import { toolVersion } from './version.js';

/** One set of resources checked together: a formation's render, or a `validate` input. */
export interface CheckUnit {
  formation?: FormationInfo;
  /** Kubernetes version for schema and removed/deprecated-API checks; default: the project's. */
  kubernetesVersion?: string;
  manifests: readonly Manifest[];
  baseline?: readonly Manifest[];
}

export interface CheckOptions {
  now: Date;
  /** Resolved secret values that no finding message may echo. */
  mask?: readonly string[] | undefined;
  policyLoader?: PolicyLoader | undefined;
}

/** What every library run returns: the report (with its verdict) and the rules for SARIF and markdown. */
export interface RunResult {
  report: Report;
  rules: RuleMeta[];
  /** What became of each approvals.yaml entry (`copperplate approvals`); absent when no check ran. */
  approvals?: ApprovalState[];
  /**
   * What project policies wrote to the console, masked; '' when nothing. The CLI writes it to
   * stderr (never stdout: it would corrupt a JSON report or a manifest stream).
   */
  policyOutput: string;
}

/** Findings and diagnostics of the checks, before they become a report. */
export interface Checked {
  findings: Finding[];
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  approvals: ApprovalState[];
  /** What the report says of each formation checked. */
  formations: FormationSummary[];
  /** Per-resource diffs against the units' baselines; absent when no unit had one. */
  diffs?: ResourceDiff[];
  /** Who must sign the sign-offs; present when there are any. */
  approvers?: SignoffApprovers;
  policyOutput: string;
}

const SCHEMA_RULE: RuleMeta = {
  id: 'schema',
  title: 'Manifests match the Kubernetes (or CRD) schema',
  severity: 'error',
  remediation: 'Fix the field named in the message; see the API reference for the kind.',
  helpUri: builtinPolicyDocs('schema'),
};

/** Schema validation, policies and approvals over rendered units. */
export async function checkManifests(project: Project, units: readonly CheckUnit[], options: CheckOptions): Promise<Checked> {
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  const diffs: ResourceDiff[] = [];
  // the policy worker starts (and loads the policy files) while the schemas are checked
  const loading = projectPolicies(project, options.policyLoader, options.mask);
  const cache = resultCache(project);
  const contents = units.map((u) => (cache ? unitContent(u.manifests.map((m) => m.object)) : undefined));
  let schemaChecked: ReturnType<SchemaValidator['validate']>[];
  try {
    const schema = schemaValidators(project, diagnostics, cache);
    schemaChecked = units.map((unit, i) => schema(unit.kubernetesVersion ?? project.config.kubernetesVersion, unit.manifests, contents[i]));
  } catch (err) {
    await (await loading).close?.();
    throw err;
  }
  const loaded = await loading;
  diagnostics.push(...loaded.diagnostics);
  const policies: LoadedPolicy[] = loaded.policies;
  let policyOutput = '';
  try {
    for (const [i, unit] of units.entries()) {
      const checked = schemaChecked[i]!;
      findings.push(...checked.findings);
      diagnostics.push(...checked.diagnostics);
      // policies are given stand-ins in the previous version too, even from a resolved render
      const input = unit.baseline ? { ...unit, baseline: redactBaseline(unit.manifests, unit.baseline) } : unit;
      if (input.baseline) {
        const changed = diffManifests(unit.manifests, input.baseline, options.mask ? { mask: options.mask } : {});
        for (const d of hideBaselineSecrets(changed, standInNames(unit.manifests))) {
          if (unit.formation) d.formation = unit.formation.name;
          diffs.push(d);
        }
      }
      const content = contents[i];
      const shippedMemo: PolicyRunOptions['shippedMemo'] =
        cache && content !== undefined
          ? (shipped, compute) => cache.memo('policies', [content, unit.formation ?? null, shipped.map((p) => [p.id, p.match])], compute)
          : undefined;
      const ran = await runPolicies(input, policies, { ...(options.mask ? { mask: options.mask } : {}), ...(shippedMemo ? { shippedMemo } : {}) });
      findings.push(...ran.findings);
      diagnostics.push(...ran.diagnostics);
    }
  } finally {
    const captured = await loaded.close?.();
    if (captured) policyOutput = policyOutputText(captured, options.mask ?? []);
  }
  const approvals = projectApprovals(project);
  diagnostics.push(...approvals.diagnostics);
  const applied = applyApprovals(findings, approvals.approvals, {
    now: options.now,
    // entries for formations this run did not check (precommit, `check one`) are not "unused"
    formations: units.flatMap((u) => (u.formation ? [u.formation.name] : [])),
    ...(approvals.signing ? { signing: approvals.signing } : {}),
    maxWaiverDays: project.config.maxWaiverDays,
    signoffPolicies: policies.filter((p) => p.severity === 'signoff').map((p) => p.id),
  });
  diagnostics.push(...applied.diagnostics);
  const formations = units.flatMap((u) => (u.formation ? [formationSummary(u, u.formation, project)] : []));
  return {
    findings: applied.findings,
    diagnostics,
    rules: [SCHEMA_RULE, ...policies.map(ruleOf)],
    approvals: applied.entries,
    formations,
    ...(units.some((u) => u.baseline) ? { diffs } : {}),
    ...(applied.findings.some((f) => f.severity === 'signoff') ? { approvers: projectApprovers(project, approvals.signing) } : {}),
    policyOutput,
  };
}

/** The report of a run, with this build's version. */
export function runReport(parts: Omit<ReportInput, 'toolVersion' | 'findings'> & Partial<Pick<ReportInput, 'findings'>>): Report {
  return buildReport({ toolVersion: toolVersion(), findings: [], ...parts });
}

function ruleOf(p: LoadedPolicy): RuleMeta {
  const rule: RuleMeta = { id: p.id, title: p.title, severity: p.severity };
  if (p.remediation !== undefined) rule.remediation = p.remediation;
  if (p.description !== undefined) rule.description = p.description;
  if (p.docs !== undefined) rule.helpUri = p.docs;
  return rule;
}

function formationSummary(unit: CheckUnit, formation: FormationInfo, project: Project): FormationSummary {
  const { context, namespace } = formation.destination;
  return {
    name: formation.name,
    environment: formation.environment,
    kubernetesVersion: unit.kubernetesVersion ?? project.config.kubernetesVersion,
    ...(context === undefined ? {} : { context }),
    ...(namespace === undefined ? {} : { namespace }),
    resources: unit.manifests.length,
  };
}

type SchemaChecked = ReturnType<SchemaValidator['validate']>;

/**
 * Where the bundled CLI keeps, between runs, what the checks of a unit found, keyed by the
 * unit's content (`unitContent`): schema problems (with the target version, the strictness and
 * the CRDs of crds/, all they depend on with this build's schemas) and the shipped policies'
 * reports (with the formation and the policies; copperplate's own code, a function of those
 * alone). A formation that renders as before is not checked again; its findings are located in
 * its stencils anew. Not with `schemaLocations`, whose files may change under the same names.
 */
function resultCache(project: Project): ContentCache | undefined {
  return project.cacheDir !== undefined && BUILD_ID !== undefined && project.config.schemaLocations.length === 0 ? new ContentCache(path.join(project.cacheDir, 'checked')) : undefined;
}

/**
 * A digest of the objects: JSON tells apart every value a rendered or parsed manifest holds
 * (YAML's core schema: no dates or binaries) but NaN and ±Infinity, which it writes as null, so
 * content with a null has none (and is checked every time).
 */
function unitContent(objects: readonly unknown[]): string | undefined {
  const json = JSON.stringify(objects);
  return json.includes('null') ? undefined : createHash('sha256').update(json).digest('hex');
}

/**
 * Schema validation of a unit's manifests for the Kubernetes version it targets: one validator
 * per version, sharing the project's CRDs; through `cache` for a unit with a content digest.
 */
function schemaValidators(project: Project, diagnostics: Diagnostic[], cache: ContentCache | undefined): (kubernetesVersion: string, manifests: readonly Manifest[], content: string | undefined) => SchemaChecked {
  const byVersion = new Map<string, SchemaValidator>();
  const crds = projectCrds(project, diagnostics);
  const { config } = project;
  const crdContent = cache && unitContent(crds.map((c) => c.object));
  return (kubernetesVersion, manifests, content) => {
    let validator = byVersion.get(kubernetesVersion);
    if (validator === undefined) {
      validator = schemaValidator(project, kubernetesVersion, crds);
      byVersion.set(kubernetesVersion, validator);
    }
    if (cache === undefined || content === undefined || crdContent === undefined) return validator.validate(manifests);
    const checker = validator;
    let answer: ReturnType<SchemaValidator['problems']>;
    try {
      answer = cache.memo('schema', [content, kubernetesVersion, config.strict, config.strictKinds, crdContent], () => checker.problems(manifests.map((m) => m.object)));
    } catch {
      // a problem of a crds/ file, which only validate() can locate
      return validator.validate(manifests);
    }
    return { findings: locateProblems(manifests, answer.problems), diagnostics: answer.diagnostics };
  };
}

function projectCrds(project: Project, diagnostics: Diagnostic[]): Manifest[] {
  const crds: Manifest[] = [];
  const dir = path.join(project.root, 'crds');
  for (const f of project.fs.listFiles(dir)) {
    if (!/\.ya?ml$/.test(f)) continue;
    const read = readProjectFile(project.fs, project.root, path.join(dir, f));
    if (!read.ok) {
      diagnostics.push(fileDiagnostic(read, { file: `crds/${f}`, line: 1, column: 1 }));
      continue;
    }
    const parsed = manifestsFromYaml(`crds/${f}`, read.text);
    diagnostics.push(...parsed.diagnostics);
    for (const m of parsed.manifests) {
      // a CRD that cannot give its schema is reported and left out whole, never half-used
      const problems = checkCrd(m);
      if (problems.length === 0) crds.push(m);
      else diagnostics.push(...problems);
    }
  }
  return crds;
}

function schemaValidator(project: Project, kubernetesVersion: string, crds: readonly Manifest[]): SchemaValidator {
  const { config } = project;
  return createSchemaValidator({
    kubernetesVersion,
    schemaLocations: config.schemaLocations.map((l) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(l) ? l : path.resolve(project.root, l))),
    strict: config.strict,
    strictKinds: config.strictKinds,
    crds,
    fs: project.fs,
    cacheDir: project.cacheDir,
  });
}


/** Policy console output, masked before it is bounded. */
function policyOutputText(captured: { output: string; truncated: boolean }, masks: readonly string[]): string {
  if (captured.output === '') return '';
  let text = maskAndClip(captured.output, masks, captured.output.length);
  if (captured.truncated) {
    // the cut may have split a secret: drop what could be its unmasked first part
    const longest = Math.max(0, ...masks.map((m) => m.length));
    text = text.slice(0, Math.max(0, text.length - longest));
    text = `${text.slice(0, text.lastIndexOf('\n') + 1)}… (policy output truncated)\n`;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
