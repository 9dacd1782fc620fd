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
   * formation; absent means redact mode (stand-ins, nothing contacted).
   */
  resolveSecrets?: (formations: readonly Formation[]) => Promise<{ lookup?: (formation: string, name: string) => SecretValue | undefined; values?: readonly SecretValue[]; diagnostics: Diagnostic[] }>;
}

export interface RenderedFormation {
  formation: Formation;
  /** In apply order. */
  documents: RenderedDocument[];
}

export interface RenderResult {
  formations: RenderedFormation[];
  diagnostics: Diagnostic[];
  /** Every resolved secret of the run (wrapped), so checks can mask any echo of them. */
  secrets: readonly SecretValue[];
}

/**
 * Renders the selected formations completely in memory. With any error diagnostic the
 * result holds no documents at all, so no caller can emit a partial stream.
 */
export async function renderProject(project: Project, options: RenderOptions = {}): Promise<RenderResult> {
  const diagnostics: Diagnostic[] = [...project.diagnostics];
  const names = options.formations && options.formations.length > 0 ? options.formations : project.formations;
  if (project.stencils.length === 0 && !hasErrors(diagnostics)) diagnostics.push(noStencilsDiagnostic());
  // nothing to render is not a pass
  if (project.formations.length === 0 && !hasErrors(diagnostics)) diagnostics.push(noFormationsDiagnostic());
  const formations: Formation[] = [];
  for (const name of names) {
    if (!project.formations.includes(name)) {
      const near = suggest(name, project.formations);
      diagnostics.push(
        diagnostic('FORMATION_NOT_FOUND', `no formation named \`${name}\` in formations/`, undefined, {
          hint: near.length ? `did you mean ${near.join(', ')}?` : `formations: ${project.formations.join(', ') || '(none)'}`,
        }),
      );
      continue;
    }
    const resolved = project.loader.resolve(name, project.stencils, options.overrides);
    diagnostics.push(...resolved.diagnostics);
    if (resolved.formation) formations.push(resolved.formation);
  }
  const schemaFile = path.join(project.root, 'formations', 'values.schema.json');
  const schema = readProjectFile(project.fs, project.root, schemaFile);
  if (!schema.ok && !schema.missing) diagnostics.push(fileDiagnostic(schema, { file: 'formations/values.schema.json', line: 1, column: 1 }));
  if (schema.ok && formations.length > 0) {
    diagnostics.push(...(await checkValuesSchema('formations/values.schema.json', schema.text, formations, { cacheDir: project.cacheDir })));
  }
  // with broken stencils, "unused value" warnings would only be noise around the real error
  if (!hasErrors(diagnostics)) for (const f of formations) diagnostics.push(...unusedValues(f));

  let lookup: ((formation: string, name: string) => SecretValue | undefined) | undefined;
  let secretValues: readonly SecretValue[] = [];
  if (options.resolveSecrets && !hasErrors(diagnostics)) {
    const secrets = await options.resolveSecrets(formations);
    diagnostics.push(...secrets.diagnostics);
    lookup = secrets.lookup;
    secretValues = secrets.values ?? [];
  }

  const rendered: RenderedFormation[] = [];
  const revision = project.config.stamp ? stampRevision(project) : undefined;
  for (const formation of formations) {
    const renderer = new FormationRenderer(formation, diagnostics);
    const secretLookup = lookup ? (name: string) => lookup!(formation.name, name) : undefined;
    const documents = formation.stencils.flatMap((s) => renderer.renderStencil(s, secretLookup));
    diagnostics.push(...duplicateResources(formation, documents));
    if (project.config.stamp) for (const d of documents) stampDocument(d, { formation: formation.name, ...(revision === undefined ? {} : { revision }) });
    rendered.push({ formation, documents: applyOrder(documents, (d) => d.manifest.object['kind']) });
  }
  const unique = dedupe(diagnostics);
  const failed = hasErrors(unique);
  return { formations: failed ? [] : rendered, diagnostics: unique, secrets: failed ? [] : secretValues };
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
