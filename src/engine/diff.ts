import { diagnostic, hasErrors } from '../core/diagnostic.js';
import type { Report } from '../core/report.js';
import { diffManifests, type ResourceDiff } from '../policy/index.js';
import { loadBaseline } from './baseline.js';
import { hideBaselineSecrets } from './baseline-secrets.js';
import { runReport } from './check-manifests.js';
import { renderOptions, type FormationRunOptions } from './host-options.js';
import type { Project } from './project.js';
import { redactBaseline } from './redact-baseline.js';
import { renderProject } from './render-project.js';

export interface DiffApiOptions extends Omit<FormationRunOptions, 'formations' | 'failOn'> {
  formation: string;
}

export interface DiffApiResult {
  /** Diagnostics of the render and the baseline (no checks run); its exit code is the run's. */
  report: Report;
  formation: string;
  /** Per-resource semantic changes, secrets masked on both sides. */
  resources: ResourceDiff[];
}

/** The library form of `copperplate diff`: a formation (redacted) against its baseline. */
export async function diff(project: Project, options: DiffApiOptions): Promise<DiffApiResult> {
  const name = options.formation;
  const result = (diagnostics: Parameters<typeof runReport>[0]['diagnostics'], resources: ResourceDiff[] = [], count = 0): DiffApiResult => ({
    report: runReport({ formations: 1, resources: count, diagnostics }),
    formation: name,
    resources,
  });
  if (!options.baseline) return result([diagnostic('USAGE', 'diff needs --baseline REF or --baseline-dir DIR')]);
  const rendered = await renderProject(project, renderOptions(project, { ...options, formations: [name] }, 'redact'));
  const current = rendered.formations[0];
  if (hasErrors(rendered.diagnostics) || !current?.formation) return result(rendered.diagnostics);
  const baseline = await loadBaseline(project, options.baseline, [name]);
  const diagnostics = [...rendered.diagnostics, ...baseline.diagnostics];
  if (hasErrors(diagnostics)) return result(diagnostics);
  const manifests = current.documents.map((d) => d.manifest);
  const secretNames = [...current.formation.secrets.keys()];
  const diffs = diffManifests(manifests, redactBaseline(manifests, baseline.baseline.get(name) ?? [], secretNames));
  return result(diagnostics, hideBaselineSecrets(diffs, secretNames), manifests.length);
}
