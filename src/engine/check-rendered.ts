import * as path from 'node:path';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { FailOn, ReportBaseline } from '../core/report.js';
import { loadBaseline, type BaselineSource } from './baseline.js';
import { checkManifests, runReport, type CheckUnit, type RunResult } from './check-manifests.js';
import type { PolicyLoader } from './project-policies.js';
import type { Project } from './project.js';
import type { RenderResult } from './render-project.js';

export interface CheckRenderedOptions {
  baseline?: BaselineSource | undefined;
  now: Date;
  failOn?: FailOn | undefined;
  /** Run schema + policy checks (default true); false reports the render alone. */
  check?: boolean | undefined;
  /** Resolved secret values no finding message may echo. */
  mask?: readonly string[] | undefined;
  policyLoader?: PolicyLoader | undefined;
}

/**
 * The run every formation-based entry point shares (render, check, approve, precommit): the
 * render's diagnostics, then, when it rendered cleanly, each formation checked against its
 * baseline; one report.
 */
export async function checkRendered(project: Project, rendered: RenderResult, options: CheckRenderedOptions): Promise<RunResult> {
  const diagnostics: Diagnostic[] = [...rendered.diagnostics];
  const formations = rendered.formations.filter((f) => f.formation !== undefined);
  const resources = formations.reduce((n, f) => n + f.documents.length, 0);
  if (hasErrors(diagnostics) || options.check === false) {
    return { report: runReport({ formations: formations.length, resources, diagnostics, failOn: options.failOn }), rules: [], policyOutput: '' };
  }
  const loaded = options.baseline ? await loadBaseline(project, options.baseline, formations.map((f) => f.name)) : undefined;
  diagnostics.push(...(loaded?.diagnostics ?? []));
  const units = formations.map(({ formation, documents }): CheckUnit => {
    const unit: CheckUnit = {
      formation: { name: formation!.name, environment: formation!.environment, destination: formation!.destination },
      kubernetesVersion: formation!.kubernetesVersion,
      manifests: documents.map((d) => d.manifest),
    };
    if (loaded) unit.baseline = loaded.baseline.get(formation!.name) ?? [];
    return unit;
  });
  const checked = await checkManifests(project, units, options);
  return {
    report: runReport({
      formations: formations.length,
      resources,
      diagnostics: [...diagnostics, ...checked.diagnostics],
      findings: checked.findings,
      formationSummaries: checked.formations,
      failOn: options.failOn,
      ...(loaded && options.baseline ? { baseline: reportBaseline(project, options.baseline) } : {}),
      diffs: checked.diffs,
      approvers: checked.approvers,
    }),
    rules: checked.rules,
    approvals: checked.approvals,
    policyOutput: checked.policyOutput,
  };
}

/** The baseline as the report names it: a ref (or snapshot), or a directory relative to the project when inside it. */
function reportBaseline(project: Project, source: BaselineSource): ReportBaseline {
  if ('ref' in source) return { ref: source.ref };
  // a project snapshot (precommit's HEAD plus the index) is named by its label
  if ('label' in source) return { ref: source.label };
  const rel = path.relative(project.root, source.dir);
  return { dir: rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? source.dir : rel.split(path.sep).join('/') };
}
