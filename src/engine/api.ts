import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { Manifest } from '../core/manifest.js';
import { summarize, type Report } from '../core/report.js';
import { revealSecret } from '../core/secret-value.js';
import { manifestsFromYaml } from '../core/yaml-document.js';
import { manifestStream, type ValueOverrides } from '../render/index.js';
import type { SecretProvider } from '../secrets/index.js';
import type { BaselineSource } from './baseline.js';
import { checkManifests, type CheckUnit } from './check-manifests.js';
import { checkRendered } from './check-rendered.js';
import type { PolicyLoader } from './project-policies.js';
import type { Project } from './project.js';
import { projectSecrets } from './project-secrets.js';
import { renderProject, type RenderedFormation, type SecretsMode } from './render-project.js';
import { toolVersion } from './version.js';

/** What the library needs of its host; nothing is read from `process` behind the caller's back. */
export interface HostOptions {
  env?: Readonly<Record<string, string | undefined>>;
  homeDir?: string;
  /** Extra or replacement secret backends, by scheme. */
  secretProviders?: readonly SecretProvider[];
  /** Clock for approval expiry. */
  now?: () => Date;
  /** Loads project policy files (default: jiti, at run time). */
  policyLoader?: PolicyLoader;
}

export interface RenderApiOptions extends HostOptions {
  formations?: readonly string[];
  /** Default `redact`: a library caller opts in to real secrets. */
  secrets?: SecretsMode;
  overrides?: ValueOverrides;
  /** Run schema + policy checks (default true). */
  check?: boolean;
  baseline?: BaselineSource;
}

export interface RenderApiResult {
  /** SPEC §7.1 report of the render and its checks. */
  report: Report;
  /** 0 nothing blocking, 1 blocking findings, 2 errors. */
  exitCode: number;
  formations: RenderedFormation[];
  /** The manifest stream per formation; empty when anything blocks. Holds real secrets in resolve mode. */
  manifests: ReadonlyMap<string, string>;
  /** What project policies wrote to the console (masked); the library never prints it. */
  policyOutput: string;
}

/** Renders (and by default checks) formations: the library form of `copperplate render`. */
export async function render(project: Project, options: RenderApiOptions = {}): Promise<RenderApiResult> {
  const mode = options.secrets ?? 'redact';
  const rendered = await renderProject(project, {
    ...(options.formations ? { formations: options.formations } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...projectSecrets(project, mode, host(options)),
  });
  let report = bareReport(rendered.diagnostics, rendered.formations);
  let exitCode = hasErrors(rendered.diagnostics) ? 2 : 0;
  let policyOutput = '';
  if (exitCode === 0 && options.check !== false) {
    const checked = await checkRendered(project, rendered, {
      baseline: options.baseline,
      now: now(options),
      failOn: 'error',
      mask: rendered.secrets.map(revealSecret),
      ...(options.policyLoader ? { policyLoader: options.policyLoader } : {}),
    });
    report = checked.report;
    exitCode = checked.exitCode;
    policyOutput = checked.policyOutput;
  }
  const manifests = new Map<string, string>();
  if (exitCode === 0) for (const f of rendered.formations) manifests.set(f.formation.name, manifestStream(f.documents, mode === 'resolve'));
  return { report, exitCode, formations: exitCode === 0 ? rendered.formations : [], manifests, policyOutput };
}

export interface CheckApiOptions extends HostOptions {
  formations?: readonly string[];
  overrides?: ValueOverrides;
  baseline?: BaselineSource;
  failOn?: 'error' | 'warning';
}

/** The library form of `copperplate check`: redacted render, schema, policies, approvals. */
export async function check(project: Project, options: CheckApiOptions = {}): Promise<{ report: Report; exitCode: number; policyOutput: string }> {
  const rendered = await renderProject(project, {
    ...(options.formations ? { formations: options.formations } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...projectSecrets(project, 'redact', host(options)),
  });
  const checked = await checkRendered(project, rendered, {
    baseline: options.baseline,
    now: now(options),
    failOn: options.failOn ?? 'error',
    ...(options.policyLoader ? { policyLoader: options.policyLoader } : {}),
  });
  return { report: checked.report, exitCode: checked.exitCode, policyOutput: checked.policyOutput };
}

export interface ValidateApiOptions extends HostOptions {
  /** Rendered manifests (e.g. `helm template` output), each with a name for locations. */
  inputs: readonly { file: string; text: string }[];
  baseline?: { file: string; text: string };
  failOn?: 'error' | 'warning';
}

/** The library form of `copperplate validate`: schema + policies over already-rendered YAML. */
export async function validate(project: Project, options: ValidateApiOptions): Promise<{ report: Report; exitCode: number; policyOutput: string }> {
  const diagnostics: Diagnostic[] = [];
  const parse = (input: { file: string; text: string }): Manifest[] => {
    const parsed = manifestsFromYaml(input.file, input.text);
    diagnostics.push(...parsed.diagnostics);
    return parsed.manifests;
  };
  const unit: CheckUnit = { manifests: options.inputs.flatMap(parse) };
  if (options.baseline) unit.baseline = parse(options.baseline);
  const result = await checkManifests(project, [unit], {
    now: now(options),
    failOn: options.failOn ?? 'error',
    diagnostics,
    formations: 0,
    ...(options.policyLoader ? { policyLoader: options.policyLoader } : {}),
  });
  return { report: result.report, exitCode: result.exitCode, policyOutput: result.policyOutput };
}

function now(options: HostOptions): Date {
  return options.now ? options.now() : new Date();
}

function host(options: HostOptions) {
  return {
    env: options.env ?? {},
    homeDir: options.homeDir ?? '',
    ...(options.secretProviders ? { providers: options.secretProviders } : {}),
  };
}

function bareReport(diagnostics: readonly Diagnostic[], formations: readonly RenderedFormation[]): Report {
  const resources = formations.reduce((n, f) => n + f.documents.length, 0);
  return {
    version: 1,
    tool: { name: 'copperplate', version: toolVersion() },
    summary: summarize(formations.length, resources, diagnostics, []),
    diagnostics: [...diagnostics],
    findings: [],
  };
}
