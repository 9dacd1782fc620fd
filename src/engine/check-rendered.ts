import * as path from 'node:path';
import type { ReportBaseline } from '../core/report.js';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { loadBaseline, type Baseline, type BaselineSource } from './baseline.js';
import { checkManifests, type CheckResult, type CheckUnit } from './check-manifests.js';
import type { PolicyLoader } from './project-policies.js';
import type { Project } from './project.js';
import type { RenderResult } from './render-project.js';

export interface CheckRenderedOptions {
  baseline?: BaselineSource | undefined;
  now: Date;
  failOn: 'error' | 'warning';
  /** Resolved secret values no finding message may echo. */
  mask?: readonly string[];
  policyLoader?: PolicyLoader;
}

/** Checks each rendered formation, against its baseline when one was asked for. */
export async function checkRendered(
  project: Project,
  rendered: Pick<RenderResult, 'formations' | 'diagnostics'>,
  options: CheckRenderedOptions,
): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [...rendered.diagnostics];
  let baseline: Baseline | undefined;
  if (options.baseline && !hasErrors(diagnostics)) {
    const loaded = await loadBaseline(project, options.baseline, rendered.formations.map((f) => f.formation.name));
    diagnostics.push(...loaded.diagnostics);
    baseline = loaded.baseline;
  }
  const units: CheckUnit[] = rendered.formations.map(({ formation, documents }) => {
    const unit: CheckUnit = {
      formation: { name: formation.name, environment: formation.environment, destination: formation.destination },
      kubernetesVersion: formation.kubernetesVersion,
      manifests: documents.map((d) => d.manifest),
    };
    if (baseline) unit.baseline = baseline.get(formation.name) ?? [];
    return unit;
  });
  return checkManifests(project, units, {
    now: options.now,
    failOn: options.failOn,
    diagnostics,
    formations: rendered.formations.length,
    ...(baseline && options.baseline ? { baseline: reportBaseline(project, options.baseline) } : {}),
    ...(options.mask ? { mask: options.mask } : {}),
    ...(options.policyLoader ? { policyLoader: options.policyLoader } : {}),
  });
}

/** The baseline as the report names it: a ref (or snapshot), or a directory relative to the project when inside it. */
function reportBaseline(project: Project, source: BaselineSource): ReportBaseline {
  if ('ref' in source) return { ref: source.ref };
  // a project snapshot (precommit's HEAD plus the index) is named by its label
  if ('label' in source) return { ref: source.label };
  const rel = path.relative(project.root, source.dir);
  return { dir: rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? source.dir : rel.split(path.sep).join('/') };
}
