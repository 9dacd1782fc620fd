import { diagnostic, locationOf, type Diagnostic } from '../core/diagnostic.js';
import type { Finding, FindingSeverity } from '../core/finding.js';
import { invalidPatterns } from '../core/linear-pattern.js';
import { formatPath, isRecord, resourceId, type JsonPath, type Manifest, type ResourceId } from '../core/manifest.js';
import type { ProjectFs } from '../core/project-fs.js';
import { compareFindings } from '../core/report-order.js';
import { suggest } from '../core/suggest.js';
import { apiStatus, replacementLabel, type ApiReplacement } from './api-lifecycle.js';
import { builtinDefinition, builtinKinds, builtinKubernetesVersion, definitionFields, definitionValidator, OBJECT_META, saveValidatorCode } from './builtin-schemas.js';
import { CrdRegistry, type CrdVersion } from './crd-registry.js';
import { checkFields } from './field-check.js';
import { compileSchema, toValidationSchema, type CompiledSchema } from './json-schema-compiler.js';
import { compareMinor, DEFAULT_KUBERNETES_VERSION, minorLabel, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-version.js';
import { issuesFromErrors, type SchemaIssue } from './schema-error.js';
import { SchemaLocations } from './schema-locations.js';

export interface SchemaOptions {
  /** Target Kubernetes version, `1.31` (default) or `1.31.2`. */
  kubernetesVersion: string;
  /** Absolute directories (or kubeconform path templates) with per-version JSON schemas, consulted first. */
  schemaLocations: readonly string[];
  /** Unknown fields are errors (default true in the config). */
  strict: boolean;
  /** A kind with no schema is an error instead of a warning. */
  strictKinds: boolean;
  /** CRDs from the project's crds/ directory; CRDs in the validated stream are found by validate(). */
  crds: readonly Manifest[];
  /** Reads schemaLocations. */
  fs: ProjectFs;
  /** The per-user cache (`LoadProjectOptions.cacheDir`): the built-in validators' compiled code is kept there. */
  cacheDir?: string | undefined;
}

export interface SchemaValidator {
  validate(manifests: readonly Manifest[]): { findings: Finding[]; diagnostics: Diagnostic[] };
  /**
   * The same checks over the manifests' objects alone, as problems not yet located in a
   * source: data that can be kept between runs (`locateProblems` turns them into `validate`'s
   * findings). Throws when a problem concerns a manifest that is not among them (a CRD of
   * `SchemaOptions.crds` whose schema is unusable).
   */
  problems(objects: readonly Record<string, unknown>[]): { problems: SchemaProblem[]; diagnostics: Diagnostic[] };
}

/** A schema finding before it is located: about the object at `prefix` of manifest `target`. */
export interface SchemaProblem {
  /** Index of the manifest among those validated together. */
  target: number;
  /** Where the checked object sits in the manifest: `[]`, or `['items', i]` for an item of a List. */
  prefix: JsonPath;
  /** The checked object's identity. */
  resource: ResourceId;
  code: string;
  severity: FindingSeverity;
  message: string;
  path: JsonPath;
  remediation?: string;
}

export const SCHEMA_POLICY_ID = 'schema';

/** How one apiVersion + kind is validated, resolved once per validator (per call for CRDs). */
type Source =
  | { type: 'location'; file: string; compiled: CompiledSchema | undefined }
  | { type: 'builtin'; definition: string }
  | { type: 'none' };

interface Sink {
  /** Where the problems of the manifest (or, for CRD_SCHEMA_INVALID, of its CRD) go. */
  emit: (manifest: Manifest, problem: Omit<SchemaProblem, 'target'>) => void;
  manifest: Manifest;
  object: Record<string, unknown>;
  prefix: JsonPath;
}

export function createSchemaValidator(options: SchemaOptions): SchemaValidator {
  const setupDiagnostics: Diagnostic[] = [];
  let version = parseKubernetesVersion(options.kubernetesVersion);
  if (!version) {
    setupDiagnostics.push(
      diagnostic('SCHEMA_VERSION_INVALID', `kubernetesVersion "${options.kubernetesVersion}" is not a version like "1.31"; using ${DEFAULT_KUBERNETES_VERSION}`),
    );
    version = parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION) as KubernetesVersion;
  }
  const target = version;
  const locations = new SchemaLocations(options.schemaLocations, options.fs, target, options.strict);
  const sources = new Map<string, Source>();
  const locationSchemas = new Map<string, CompiledSchema | undefined>();
  // Keyed by content: every formation renders its own copy of the same stream CRDs.
  const crdSchemas = new Map<string, CompiledSchema | Error>();
  const crdSchemaByObject = new WeakMap<object, CompiledSchema | Error>();

  function locationSchema(file: string, schema: unknown): CompiledSchema | undefined {
    if (locationSchemas.has(file)) return locationSchemas.get(file);
    let compiled: CompiledSchema | undefined;
    try {
      compiled = compileSchema(toValidationSchema(schema, { strict: options.strict }));
    } catch (e) {
      setupDiagnostics.push(diagnostic('SCHEMA_LOCATION_INVALID', `schema cannot be used: ${e instanceof Error ? e.message : String(e)}`, { file, line: 1, column: 1 }));
    }
    locationSchemas.set(file, compiled);
    return compiled;
  }

  function staticSource(apiVersion: string, kind: string): Source {
    const key = `${apiVersion}\u0000${kind}`;
    let source = sources.get(key);
    if (!source) {
      const located = locations.find(apiVersion, kind);
      if (located) source = { type: 'location', file: located.file, compiled: locationSchema(located.file, located.schema) };
      else {
        const definition = builtinDefinition(apiVersion, kind);
        source = definition !== undefined ? { type: 'builtin', definition } : { type: 'none' };
      }
      sources.set(key, source);
    }
    return source;
  }

  function crdSchema(v: CrdVersion): CompiledSchema | Error | undefined {
    if (!isRecord(v.schema)) return undefined;
    const known = crdSchemaByObject.get(v.schema);
    if (known) return known;
    const strict = options.strict && !v.preserveUnknownFields;
    const key = `${strict ? 's' : 'l'}${JSON.stringify(v.schema)}`;
    let compiled = crdSchemas.get(key);
    if (!compiled) {
      try {
        // a pattern RE2 cannot compile is never run: the CRD's schema is unusable as the API server would say
        const bad = invalidPatterns(v.schema, 're2')[0];
        if (bad) throw new Error(`pattern \`${bad.pattern}\` at ${formatPath(bad.path)} is not an RE2 regular expression (${bad.reason})`);
        compiled = compileSchema(crdRootSchema(toValidationSchema(v.schema, { strict })));
      } catch (e) {
        compiled = e instanceof Error ? e : new Error(String(e));
      }
      crdSchemas.set(key, compiled);
    }
    crdSchemaByObject.set(v.schema, compiled);
    return compiled;
  }

  function report(sink: Sink, code: string, severity: FindingSeverity, message: string, path: JsonPath, remediation?: string): void {
    const problem = { prefix: sink.prefix, resource: resourceId(sink.object), code, severity, message, path };
    sink.emit(sink.manifest, remediation !== undefined ? { ...problem, remediation } : problem);
  }

  function reportIssues(sink: Sink, issues: readonly SchemaIssue[]): void {
    for (const i of issues) report(sink, i.code, 'error', i.message, i.path, i.remediation);
  }

  // Targeting a release newer than the bundled schemas, a field they do not know may simply be
  // new: it is a warning, unless it is so close to a known field that it is surely a typo.
  let newerThanBundled: string | undefined;
  function bundledIsOlder(): string | undefined {
    if (newerThanBundled === undefined) {
      const bundled = parseKubernetesVersion(builtinKubernetesVersion());
      newerThanBundled = bundled && compareMinor(target, bundled) > 0 ? minorLabel(bundled) : '';
    }
    return newerThanBundled === '' ? undefined : newerThanBundled;
  }

  function checkBuiltin(sink: Sink, definition: string, value: unknown, path: JsonPath): void {
    const errors = definitionValidator(definition, options.cacheDir)(value);
    const issues = errors.length ? issuesFromErrors(errors, value, path, () => []) : [];
    if (options.strict) {
      const unknown: SchemaIssue[] = [];
      checkFields(value, definition, path, definitionFields, unknown);
      const bundled = unknown.some((i) => !i.hasSuggestion) ? bundledIsOlder() : undefined;
      for (const i of unknown) {
        if (bundled !== undefined && !i.hasSuggestion) {
          report(
            sink,
            i.code,
            'warning',
            `${i.message}; the bundled schemas describe Kubernetes ${bundled}, older than the target ${minorLabel(target)}`,
            i.path,
            'add a schemaLocations directory with schemas for the target version to check new fields exactly',
          );
        } else issues.push(i);
      }
    }
    reportIssues(sink, issues);
  }

  function checkCompiled(sink: Sink, compiled: CompiledSchema, value: unknown): void {
    const errors = compiled.validate(value);
    if (errors.length) reportIssues(sink, issuesFromErrors(errors, value, [], propertiesOf));
  }

  function validateResource(sink: Sink, crds: CrdRegistry, reportedCrds: Set<object>): void {
    const { object } = sink;
    const apiVersion = object['apiVersion'];
    const kind = object['kind'];
    if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
      const missing = typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion' : 'kind';
      report(sink, 'SCHEMA_INVALID', 'error', `missing ${missing}: every Kubernetes resource needs apiVersion and kind`, [missing]);
      return;
    }
    const lifecycle = apiStatus(apiVersion, kind, target);
    if (lifecycle.status === 'removed') {
      const e = lifecycle.entry;
      const use = lifecycle.replacement ? `; use ${replacementLabel(lifecycle.replacement, kind)}` : '; it has no replacement';
      report(
        sink,
        'API_REMOVED',
        'error',
        `${apiVersion} ${kind} was removed in Kubernetes ${e.removedIn ?? ''} (target ${minorLabel(target)})${use}${e.note ? ` (${e.note})` : ''}`,
        ['apiVersion'],
        lifecycle.replacement ? migrationHint(lifecycle.replacement) : e.note,
      );
      return;
    }
    if (lifecycle.status === 'unavailable') {
      report(sink, 'API_NOT_AVAILABLE', 'error', `${apiVersion} ${kind} is not served before Kubernetes ${lifecycle.addedIn} (target ${minorLabel(target)})`, ['apiVersion']);
      return;
    }
    if (lifecycle.status === 'deprecated') {
      const e = lifecycle.entry;
      const when = e.removedIn !== undefined ? `and is removed in Kubernetes ${e.removedIn}` : 'and may be removed in a future release';
      const use = lifecycle.replacement ? `; use ${replacementLabel(lifecycle.replacement, kind)}` : '';
      report(
        sink,
        'API_DEPRECATED',
        'warning',
        `${apiVersion} ${kind} is deprecated since Kubernetes ${e.deprecatedIn} ${when}${use}`,
        ['apiVersion'],
        lifecycle.replacement ? migrationHint(lifecycle.replacement) : undefined,
      );
    }

    // status is written by the cluster and ignored on apply; `kubectl … -o yaml` leaves
    // `status: {}` behind, which some status schemas would reject for missing fields.
    const subject = 'status' in object ? withoutStatus(object) : object;
    const source = staticSource(apiVersion, kind);
    if (source.type === 'location') {
      if (source.compiled) checkCompiled(sink, source.compiled, subject);
      return;
    }
    const crd = crds.lookup(apiVersion, kind);
    if (crd.status === 'found') {
      const v = crd.version;
      if (v.deprecated) {
        report(sink, 'API_DEPRECATED', 'warning', v.deprecationWarning ?? `${apiVersion} ${kind} is deprecated by its CRD ${v.crdName}`, ['apiVersion']);
      }
      const compiled = crdSchema(v);
      if (compiled === undefined) {
        notFound(sink, `CRD ${v.crdName} gives no schema for ${apiVersion} ${kind}`);
        return;
      }
      if (compiled instanceof Error) {
        if (!reportedCrds.has(v.crd)) {
          reportedCrds.add(v.crd);
          const crdSink: Sink = { emit: sink.emit, manifest: v.crd, object: v.crd.object, prefix: [] };
          report(crdSink, 'CRD_SCHEMA_INVALID', 'error', `openAPIV3Schema of ${v.version} cannot be used for validation: ${compiled.message}`, v.schemaPath);
        }
        return;
      }
      checkCompiled(sink, compiled, subject);
      if (object['metadata'] !== undefined) checkBuiltin(sink, OBJECT_META, object['metadata'], ['metadata']);
      return;
    }
    if (crd.status === 'not-served') {
      report(
        sink,
        'API_NOT_SERVED',
        'error',
        `CRD ${crd.crdName} does not serve ${apiVersion}${crd.served.length ? ` (served: ${crd.served.join(', ')})` : ''}`,
        ['apiVersion'],
      );
      return;
    }
    if (source.type === 'builtin') {
      checkBuiltin(sink, source.definition, subject, []);
      return;
    }
    const near = suggest(kind, builtinKinds(apiVersion));
    notFound(sink, `no schema for ${apiVersion} ${kind}${near.length ? ` (did you mean kind ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}`);
  }

  function notFound(sink: Sink, message: string): void {
    report(
      sink,
      'SCHEMA_NOT_FOUND',
      options.strictKinds ? 'error' : 'warning',
      message,
      ['kind'],
      'add the CustomResourceDefinition to crds/ or a schema directory to schemaLocations',
    );
  }

  /** Every check of every manifest, in order; the CRDs among them join the project's first. */
  function run(manifests: readonly Manifest[], emit: Sink['emit']): Diagnostic[] {
    const crds = new CrdRegistry();
    for (const m of options.crds) crds.add(m);
    for (const m of manifests) crds.add(m);
    const reportedCrds = new Set<object>();
    for (const manifest of manifests) {
      const o = manifest.object;
      if (o['kind'] === 'List' && Array.isArray(o['items'])) {
        o['items'].forEach((item, i) => {
          if (isRecord(item)) validateResource({ emit, manifest, object: item, prefix: ['items', i] }, crds, reportedCrds);
        });
      } else {
        validateResource({ emit, manifest, object: o, prefix: [] }, crds, reportedCrds);
      }
    }
    if (options.cacheDir !== undefined) saveValidatorCode();
    return dedupeDiagnostics([...setupDiagnostics, ...locations.diagnostics]);
  }

  return {
    validate(manifests) {
      const findings: Finding[] = [];
      const diagnostics = run(manifests, (manifest, problem) => findings.push(locatedFinding(manifest, problem)));
      return { findings: findings.sort(compareFindings), diagnostics };
    },
    problems(objects) {
      const manifests = objects.map((object, index): Manifest => ({ file: '', index, object, locate: unlocated }));
      const targets = new Map(manifests.map((m, i) => [m, i]));
      const problems: SchemaProblem[] = [];
      const diagnostics = run(manifests, (manifest, problem) => {
        const target = targets.get(manifest);
        if (target === undefined) throw new Error('a schema problem outside the validated objects cannot be located later');
        problems.push({ target, ...problem });
      });
      return { problems, diagnostics };
    },
  };
}

function unlocated(): never {
  throw new Error('a bare object has no source to locate');
}

/** `validate`'s findings from `problems`' answer for the same manifests. */
export function locateProblems(manifests: readonly Manifest[], problems: readonly SchemaProblem[]): Finding[] {
  return problems
    .map(({ target, ...problem }) => {
      const manifest = manifests[target];
      if (manifest === undefined) throw new Error(`schema problem of manifest ${target} of ${manifests.length}`);
      return locatedFinding(manifest, problem);
    })
    .sort(compareFindings);
}

function locatedFinding(manifest: Manifest, { prefix, resource, code, severity, message, path, remediation }: Omit<SchemaProblem, 'target'>): Finding {
  // an unknown field is about its key; every other problem is about the value
  const at = manifest.locate([...prefix, ...path], { key: code === 'SCHEMA_UNKNOWN_FIELD' });
  const f: Finding = {
    policy: SCHEMA_POLICY_ID,
    code,
    severity,
    message,
    resource,
    path: formatPath(path),
    ...locationOf(at),
  };
  if (at.valueSource) f.valueSource = at.valueSource;
  if (manifest.formation !== undefined) f.formation = manifest.formation;
  if (remediation !== undefined) f.remediation = remediation;
  return f;
}

/**
 * Root of a custom resource: apiVersion, kind and metadata are always allowed. metadata is
 * checked as ObjectMeta separately; constraints the CRD puts on it (name length, pattern) stay,
 * without making it strict.
 */
function crdRootSchema(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const props = isRecord(schema['properties']) ? schema['properties'] : undefined;
  if (!props) return schema;
  let metadata: Record<string, unknown> = { type: 'object' };
  if (isRecord(props['metadata'])) {
    const { additionalProperties: _ignored, ...rest } = props['metadata'];
    metadata = rest;
  }
  return { ...schema, properties: { ...props, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata } };
}

function migrationHint(r: ApiReplacement): string {
  return r.kind !== undefined ? `migrate to ${r.apiVersion} ${r.kind}` : `change apiVersion to ${r.apiVersion} (check the fields that changed between versions)`;
}

function withoutStatus(object: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = object;
  return rest;
}

function propertiesOf(_field: string, parentSchema: unknown): string[] {
  return isRecord(parentSchema) && isRecord(parentSchema['properties']) ? Object.keys(parentSchema['properties']) : [];
}

function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.code}\u0000${d.file ?? ''}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
