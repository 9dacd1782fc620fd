import * as path from 'node:path';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import { diagnostic, hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { SecretValue } from '../core/secret-value.js';
import { suggest } from '../core/suggest.js';
import {
  FormationRenderer,
  applyOrder,
  checkValuesSchema,
  duplicateResources,
  noFormationsDiagnostic,
  noStencilsDiagnostic,
  stampDocument,
  unusedValues,
  type Formation,
  type RenderedDocument,
  type ValueOverrides,
} from '../render/index.js';
import { nodeFs } from '../core/project-fs.js';
import { workTreeRevision } from './git-fs.js';
import type { Project } from './project.js';

export type SecretsMode = 'resolve' | 'redact';

export interface RenderOptions {
  /** Formation names; default: every formation. */
  formations?: readonly string[];
  overrides?: ValueOverrides;
  /**
   * Resolves the secrets the selected stencils use. Called once with every reference of every
   * formation that resolved; absent means redact mode (stand-ins, nothing contacted).
   */
  resolveSecrets?: (formations: readonly Formation[]) => Promise<{ lookup?: (formation: string, name: string) => SecretValue | undefined; values?: readonly SecretValue[]; diagnostics: Diagnostic[] }>;
}

/** One formation's render: its documents only when neither it nor the project has an error. */
export interface RenderedFormation {
  name: string;
  /** Undefined when the formation does not resolve (see `diagnostics`). */
  formation?: Formation;
  /** In apply order; empty when `diagnostics` (or the project's) hold an error. */
  documents: RenderedDocument[];
  /** This formation's own problems (layers, values, values schema, secrets, placeholders). */
  diagnostics: Diagnostic[];
}

export interface RenderResult {
  /** One entry per selected formation, in the order asked for. */
  formations: RenderedFormation[];
  /** Every diagnostic of the run: the project's and each formation's, each reported once. */
  diagnostics: Diagnostic[];
  /** Every resolved secret of the run (wrapped), so checks can mask any echo of them. */
  secrets: readonly SecretValue[];
}

/**
 * Renders the selected formations completely in memory, each on its own: a formation with an
 * error has no documents, the others do. Whether anything may be emitted when one failed is
 * the caller's decision (the CLI emits nothing; a baseline uses the formations that rendered).
 */
export async function renderProject(project: Project, options: RenderOptions = {}): Promise<RenderResult> {
  const projectDiagnostics: Diagnostic[] = [...project.diagnostics];
  const names = options.formations && options.formations.length > 0 ? options.formations : project.formations;
  if (project.stencils.length === 0 && !hasErrors(projectDiagnostics)) projectDiagnostics.push(noStencilsDiagnostic());
  // nothing to render is not a pass
  if (project.formations.length === 0 && !hasErrors(projectDiagnostics)) projectDiagnostics.push(noFormationsDiagnostic());
  const results: RenderedFormation[] = names.map((name) => resolveFormation(project, name, options.overrides));
  const resolved = results.flatMap((r) => (r.formation ? [r.formation] : []));
  const schemaFile = readProjectFile(project.fs, project.root, path.join(project.root, 'formations', 'values.schema.json'));
  if (!schemaFile.ok && !schemaFile.missing) projectDiagnostics.push(fileDiagnostic(schemaFile, { file: 'formations/values.schema.json', line: 1, column: 1 }));
  if (schemaFile.ok && resolved.length > 0) {
    // one call for every formation: the schema is compiled once per run
    const found = await checkValuesSchema('formations/values.schema.json', schemaFile.text, resolved, { cacheDir: project.cacheDir });
    for (const d of found) (results.find((r) => r.name === d.formation)?.diagnostics ?? projectDiagnostics).push(d);
  }
  const projectFailed = hasErrors(projectDiagnostics);
  for (const r of results) {
    // with broken input, "unused value" warnings would only be noise around the real error
    if (r.formation && !projectFailed && !hasErrors(r.diagnostics)) r.diagnostics.push(...unusedValues(r.formation));
  }
  const renderable = (r: RenderedFormation): r is RenderedFormation & { formation: Formation } => !projectFailed && r.formation !== undefined && !hasErrors(r.diagnostics);

  let lookup: ((formation: string, name: string) => SecretValue | undefined) | undefined;
  let secretValues: readonly SecretValue[] = [];
  const toResolve = results.filter(renderable);
  if (options.resolveSecrets && toResolve.length > 0) {
    const secrets = await options.resolveSecrets(toResolve.map((r) => r.formation));
    for (const d of secrets.diagnostics) (results.find((r) => r.name === d.formation)?.diagnostics ?? projectDiagnostics).push(d);
    lookup = secrets.lookup;
    secretValues = secrets.values ?? [];
  }

  const revision = project.config.stamp ? stampRevision(project) : undefined;
  for (const r of results) {
    if (!renderable(r) || hasErrors(projectDiagnostics)) continue;
    const formation = r.formation;
    const renderer = new FormationRenderer(formation, r.diagnostics);
    const secretLookup = lookup ? (name: string) => lookup!(formation.name, name) : undefined;
    const documents = formation.stencils.flatMap((s) => renderer.renderStencil(s, secretLookup));
    r.diagnostics.push(...duplicateResources(formation, documents));
    if (project.config.stamp) for (const d of documents) stampDocument(d, { formation: formation.name, ...(revision === undefined ? {} : { revision }) });
    if (!hasErrors(r.diagnostics)) r.documents = applyOrder(documents, (d) => d.manifest.object['kind']);
  }
  return { formations: results, diagnostics: dedupe([...projectDiagnostics, ...results.flatMap((r) => r.diagnostics)]), secrets: secretValues };
}

function resolveFormation(project: Project, name: string, overrides: ValueOverrides | undefined): RenderedFormation {
  if (!project.formations.includes(name)) {
    const near = suggest(name, project.formations);
    const hint = near.length ? `did you mean ${near.join(', ')}?` : `formations: ${project.formations.join(', ') || '(none)'}`;
    return { name, documents: [], diagnostics: [diagnostic('FORMATION_NOT_FOUND', `no formation named \`${name}\` in formations/`, undefined, { hint })] };
  }
  const resolved = project.loader.resolve(name, project.stencils, overrides);
  return { name, ...(resolved.formation ? { formation: resolved.formation } : {}), documents: [], diagnostics: [...resolved.diagnostics] };
}

/**
 * The commit a stamp names: the one a `--ref` project was read at, else the work tree's HEAD
 * (`-dirty` when it differs); none for a project read from elsewhere (an index, memory).
 */
function stampRevision(project: Project): string | undefined {
  if (project.revision !== undefined) return project.revision;
  return project.fs === nodeFs ? workTreeRevision(project.root) : undefined;
}

/** Layer files shared by several formations report their problems once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.file, d.line, d.column, d.message, d.formation]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
