import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Manifest } from '../core/manifest.js';
import type { FailOn } from '../core/report.js';
import { revealSecret } from '../core/secret-value.js';
import { manifestsFromYaml } from '../core/yaml-document.js';
import { manifestStream } from '../render/index.js';
import { checkManifests, runReport, type CheckUnit, type RunResult } from './check-manifests.js';
import { checkRendered } from './check-rendered.js';
import { withPolicyLoader } from './project-policies.js';
import { nowOf, renderOptions, type FormationRunOptions, type HostOptions } from './host-options.js';
import type { Project } from './project.js';
import { renderProject, type RenderedFormation, type SecretsMode } from './render-project.js';

export interface RenderApiOptions extends FormationRunOptions {
  /** Default `redact`: a library caller opts in to real secrets. */
  secrets?: SecretsMode;
  /** Run schema + policy checks (default true). */
  check?: boolean;
}

export interface RenderApiResult extends RunResult {
  /**
   * One entry per selected formation, with its own diagnostics (not the merged formation:
   * its secret references may hold ciphertext, which no result carries).
   */
  formations: Omit<RenderedFormation, 'formation'>[];
  /**
   * The manifest stream of each formation that rendered. Present even when the report blocks:
   * whether to emit anything then is the caller's decision (the CLI emits nothing unless
   * `report.exitCode` is 0). Holds real secrets in resolve mode.
   */
  manifests: ReadonlyMap<string, string>;
}

/** Renders (and by default checks) formations: the library form of `copperplate render`. */
export async function render(project: Project, options: RenderApiOptions = {}): Promise<RenderApiResult> {
  const mode = options.secrets ?? 'redact';
  const { rendered, result } = await withPolicyLoader(project, options.policyLoader, options.check !== false, async (policyLoader) => {
    const rendered = await renderProject(project, renderOptions(project, options, mode));
    const result = await checkRendered(project, rendered, {
      baseline: options.baseline,
      now: nowOf(options),
      failOn: options.failOn,
      check: options.check,
      mask: rendered.secrets.map(revealSecret),
      policyLoader,
    });
    return { rendered, result };
  });
  const manifests = new Map<string, string>();
  for (const f of rendered.formations) if (f.documents.length > 0) manifests.set(f.name, manifestStream(f.documents, mode === 'resolve'));
  return { ...result, formations: rendered.formations.map(({ name, documents, diagnostics }) => ({ name, documents, diagnostics })), manifests };
}

export type CheckApiOptions = FormationRunOptions;

/** The library form of `copperplate check`: redacted render, schema, policies, approvals. */
export async function check(project: Project, options: CheckApiOptions = {}): Promise<RunResult> {
  return withPolicyLoader(project, options.policyLoader, true, async (policyLoader) => {
    const rendered = await renderProject(project, renderOptions(project, options, 'redact'));
    return checkRendered(project, rendered, { baseline: options.baseline, now: nowOf(options), failOn: options.failOn, policyLoader });
  });
}

/** A manifest input of `validate`; `text` undefined means it could not be read (`INPUT_NOT_FOUND`). */
export interface ValidateInput {
  /** Name for locations (project-relative when inside the project). */
  file: string;
  text: string | undefined;
}

export interface ValidateApiOptions extends HostOptions {
  /** Rendered manifests (e.g. `helm template` output). */
  inputs: readonly ValidateInput[];
  baseline?: ValidateInput;
  failOn?: FailOn;
}

/** The library form of `copperplate validate`: schema + policies over already-rendered YAML. */
export async function validate(project: Project, options: ValidateApiOptions): Promise<RunResult> {
  // validate works in any directory: a missing project only means defaults
  const diagnostics: Diagnostic[] = project.diagnostics.filter((d) => d.code !== 'PROJECT_NOT_FOUND');
  const parse = (input: ValidateInput): Manifest[] => {
    if (input.text === undefined) {
      diagnostics.push(diagnostic('INPUT_NOT_FOUND', `cannot read ${input.file}`));
      return [];
    }
    const parsed = manifestsFromYaml(input.file, input.text);
    diagnostics.push(...parsed.diagnostics);
    return parsed.manifests;
  };
  const unit: CheckUnit = { manifests: options.inputs.flatMap(parse) };
  if (options.baseline) unit.baseline = parse(options.baseline);
  const checked = await checkManifests(project, [unit], { now: nowOf(options), policyLoader: options.policyLoader });
  return {
    report: runReport({
      formations: 0,
      resources: unit.manifests.length,
      diagnostics: [...diagnostics, ...checked.diagnostics],
      findings: checked.findings,
      failOn: options.failOn,
      ...(options.baseline ? { baseline: { file: options.baseline.file } } : {}),
      diffs: checked.diffs,
      approvers: checked.approvers,
    }),
    rules: checked.rules,
    approvals: checked.approvals,
    policyOutput: checked.policyOutput,
  };
}

