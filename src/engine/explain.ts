import { diagnostic, hasErrors } from '../core/diagnostic.js';
import { resourceId, resourceLabel } from '../core/manifest.js';
import type { Report } from '../core/report.js';
import { explainDocument, type PlaceholderExplanation } from '../render/index.js';
import { runReport } from './check-manifests.js';
import { renderOptions, type FormationRunOptions } from './host-options.js';
import type { Project } from './project.js';
import { renderProject } from './render-project.js';

export interface ExplainApiOptions extends Omit<FormationRunOptions, 'formations' | 'failOn' | 'baseline'> {
  formation: string;
  /** `Kind/name` or `Kind/namespace/name` to narrow to. */
  resource?: string;
  /** Path within the resource, e.g. `spec.replicas`. */
  path?: string;
}

export interface Explanation {
  formation: string;
  environment: string;
  destination: { context?: string; namespace?: string; kubernetesVersion?: string };
  kubernetesVersion: string;
  layers: readonly string[];
  resources: { resource: string; stencil: string; placeholders: PlaceholderExplanation[] }[];
}

export interface ExplainApiResult {
  /** Diagnostics of the render; its exit code is the run's. */
  report: Report;
  /** Undefined when the formation does not render or the resource is not in it. */
  explanation?: Explanation;
}

/** The library form of `copperplate explain`: each placeholder, its value and the layer that supplied it. */
export async function explain(project: Project, options: ExplainApiOptions): Promise<ExplainApiResult> {
  const rendered = await renderProject(project, renderOptions(project, { ...options, formations: [options.formation] }, 'redact'));
  const current = rendered.formations[0];
  const report = (diagnostics = rendered.diagnostics) => runReport({ formations: 1, resources: current?.documents.length ?? 0, diagnostics });
  if (hasErrors(rendered.diagnostics) || !current?.formation) return { report: report() };
  const { resource, path } = options;
  const resources: Explanation['resources'] = [];
  for (const doc of current.documents) {
    const id = resourceId(doc.manifest.object);
    const label = resourceLabel(id);
    if (resource && !matchesResource(resource, label, `${id.kind}/${id.name}`)) continue;
    const placeholders = explainDocument(current.formation, doc).filter(
      (p) => !path || p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
    );
    if (placeholders.length > 0 || (resource && !path)) resources.push({ resource: label, stencil: doc.stencil.file, placeholders });
  }
  if (resource && resources.length === 0) {
    return { report: report([...rendered.diagnostics, diagnostic('RESOURCE_NOT_FOUND', `no resource ${resource} in formation ${options.formation}`)]) };
  }
  const f = current.formation;
  return { report: report(), explanation: { formation: f.name, environment: f.environment, destination: f.destination, kubernetesVersion: f.kubernetesVersion, layers: f.layers, resources } };
}

function matchesResource(query: string, label: string, kindName: string): boolean {
  const q = query.toLowerCase();
  return q === label.toLowerCase() || q === kindName.toLowerCase();
}
