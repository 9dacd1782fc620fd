import * as path from 'node:path';
import { parse as parseYamlValue } from 'yaml';
import picomatch from 'picomatch';
import { diagnostic, type Diagnostic, type Location } from '../core/diagnostic.js';
import type { ContentCache } from '../core/content-cache.js';
import { checkSchema } from '../core/schema-check.js';
import { isRecord, type LocateOptions } from '../core/manifest.js';
import { fileDiagnostic, readProjectFile, type ProjectFileRead } from '../core/project-file.js';
import { relativePath, type ProjectFs } from '../core/project-fs.js';
import type { SecretRefSpec } from '../core/secret-ref-spec.js';
import { locateInDocument, parseYamlFile, yamlToJs } from '../core/yaml-document.js';
import { formationSchema } from './formation-schema.js';
import type { Stencil } from './stencil.js';
import { lookupValue, mergeValues, scalarText, toPlain, valueFromYaml, type ValueNode } from './value-tree.js';

export interface SecretDeclaration {
  ref: SecretRefSpec;
  at: Location;
}

/** A formation with its layers merged and CLI overrides applied (SPEC §3). */
export interface Formation {
  name: string;
  /** Project-relative path of the formation file. */
  file: string;
  environment: string;
  /** As the formation declares it; `kubernetesVersion` only when the formation sets one. */
  destination: { context?: string; namespace?: string; kubernetesVersion?: string };
  /** The Kubernetes version this formation's manifests are checked against: its own, else the project's (SPEC §3). */
  kubernetesVersion: string;
  /** Merged `values` (a map node; empty map when none). */
  values: ValueNode;
  secrets: ReadonlyMap<string, SecretDeclaration>;
  /** Selected stencils in path order. */
  stencils: readonly Stencil[];
  /** Files merged, first to last (layers, then the formation itself). */
  layers: readonly string[];
}

/** `--set path=value` and `--values FILE`, applied after every layer (values files first). */
export interface ValueOverrides {
  set?: readonly string[];
  valuesFiles?: readonly { file: string; text: string }[];
}

interface ParsedFile {
  file: string;
  /** Why the file could not be read (then nothing else is set). */
  problem?: Extract<ProjectFileRead, { ok: false }>;
  node: ValueNode | undefined;
  extends: { target: string; at: Location }[];
  diagnostics: Diagnostic[];
}

/** Reads formation and layer files, caching each file once per run (layers are shared). */
export class FormationLoader {
  private readonly cache = new Map<string, ParsedFile>();
  constructor(
    private readonly root: string,
    private readonly fs: ProjectFs,
    /** The project's `kubernetesVersion`, for formations that name none. */
    private readonly kubernetesVersion: string,
    /** Files parsed by earlier runs (`ContentCache.memo`): parsing YAML is most of a formation's cost. */
    private readonly contentCache?: ContentCache,
  ) {}

  private parse(abs: string): ParsedFile {
    const hit = this.cache.get(abs);
    if (hit) return hit;
    const file = relativePath(this.root, abs);
    const read = readProjectFile(this.fs, this.root, abs);
    if (!read.ok) {
      const failed: ParsedFile = { file, node: undefined, extends: [], diagnostics: [], problem: read };
      this.cache.set(abs, failed);
      return failed;
    }
    const text = read.text;
    const result = this.contentCache ? this.contentCache.memo('formation', [abs, file, text], () => this.parseText(abs, file, text)) : this.parseText(abs, file, text);
    this.cache.set(abs, result);
    return result;
  }

  /** A formation or layer file's values, `extends` entries and problems. */
  private parseText(abs: string, file: string, text: string): ParsedFile {
    const parsed = parseYamlFile(file, text);
    const diagnostics = [...parsed.diagnostics];
    const first = parsed.documents[0];
    let node: ValueNode | undefined;
    const extendsRefs: ParsedFile['extends'] = [];
    if (parsed.documents.length > 1) {
      diagnostics.push(diagnostic('FORMATION_INVALID', 'a formation file holds one YAML document', parsed.source.location(0)));
    }
    if (first) {
      const locate = (p: readonly (string | number)[], options?: LocateOptions) => locateInDocument(parsed.source, first.doc, p, options);
      node = valueFromYaml(first.doc.contents, parsed.source, { file, line: 1, column: 1 }, first.doc);
      const plain = yamlToJs(first.doc);
      diagnostics.push(...checkSchema(formationSchema, plain, locate, 'FORMATION_INVALID'));
      if (node.kind === 'map') {
        diagnostics.push(...reservedValues(node.entries.get('values'), 'FORMATION_INVALID', 'values.', (key) => locate(['values', key], { key: true })));
        const ext = node.entries.get('extends');
        const items = ext?.kind === 'seq' ? ext.items : ext ? [ext] : [];
        for (const item of items) {
          if (item.kind === 'scalar' && typeof item.value === 'string') {
            extendsRefs.push({ target: path.resolve(path.dirname(abs), item.value), at: item.at });
          }
        }
        const rest = new Map(node.entries);
        rest.delete('extends');
        node = { kind: 'map', entries: rest, at: node.at };
      }
    } else if (diagnostics.length === 0) {
      node = { kind: 'map', entries: new Map(), at: { file, line: 1, column: 1 } };
    }
    return { file, node, extends: extendsRefs, diagnostics };
  }

  /** Merges `abs` with its layers; `stack` detects cycles. */
  private merged(abs: string, stack: string[], layers: string[], diagnostics: Diagnostic[], seen: Set<string>): ValueNode | undefined {
    const parsed = this.parse(abs);
    if (parsed.problem) return undefined;
    if (!seen.has(abs)) {
      seen.add(abs);
      diagnostics.push(...parsed.diagnostics);
    }
    let acc: ValueNode | undefined;
    for (const ext of parsed.extends) {
      if (stack.includes(ext.target)) {
        const cycle = [...stack.slice(stack.indexOf(ext.target)), ext.target].map((p) => relativePath(this.root, p));
        diagnostics.push(diagnostic('EXTENDS_CYCLE', `layer cycle: ${cycle.join(' → ')}`, ext.at));
        continue;
      }
      const layer = this.merged(ext.target, [...stack, ext.target], layers, diagnostics, seen);
      if (!layer) {
        const problem = this.parse(ext.target).problem;
        if (problem?.missing) {
          diagnostics.push(diagnostic('EXTENDS_NOT_FOUND', `layer file ${relativePath(this.root, ext.target)} does not exist`, ext.at));
        } else if (problem) {
          diagnostics.push(fileDiagnostic(problem, ext.at));
        }
        continue;
      }
      acc = mergeValues(acc, layer);
    }
    layers.push(parsed.file);
    return parsed.node ? mergeValues(acc, parsed.node) : acc;
  }

  resolve(name: string, stencils: readonly Stencil[], overrides: ValueOverrides = {}): { formation?: Formation; diagnostics: Diagnostic[] } {
    // listFormations accepts `.yml` too: resolve what it listed
    const yml = path.join(this.root, 'formations', `${name}.yml`);
    const yaml = path.join(this.root, 'formations', `${name}.yaml`);
    const abs = this.parse(yaml).problem?.missing && !this.parse(yml).problem ? yml : yaml;
    const diagnostics: Diagnostic[] = [];
    const layers: string[] = [];
    const file = relativePath(this.root, abs);
    const merged = this.merged(abs, [abs], layers, diagnostics, new Set());
    if (!merged) {
      const problem = this.parse(abs).problem;
      if (problem?.missing) diagnostics.push(diagnostic('FORMATION_NOT_FOUND', `no formation named \`${name}\` (expected ${file})`));
      else if (problem) diagnostics.push(fileDiagnostic(problem, { file, line: 1, column: 1 }, name));
      return { diagnostics };
    }
    if (merged.kind !== 'map') return { diagnostics };
    const formationAt: Location = { file, line: 1, column: 1 };
    let values: ValueNode = merged.entries.get('values') ?? { kind: 'map', entries: new Map(), at: formationAt };
    for (const vf of overrides.valuesFiles ?? []) {
      const parsed = parseYamlFile(vf.file, vf.text);
      diagnostics.push(...parsed.diagnostics);
      const doc = parsed.documents[0];
      if (!doc) continue;
      const node = valueFromYaml(doc.doc.contents, parsed.source, { file: vf.file, line: 1, column: 1 }, doc.doc);
      if (node.kind !== 'map') {
        diagnostics.push(diagnostic('VALUES_INVALID', 'a --values file must hold a mapping of values', node.at));
        continue;
      }
      diagnostics.push(...reservedValues(node, 'VALUES_INVALID', '', (key) => locateInDocument(parsed.source, doc.doc, [key], { key: true })));
      values = mergeValues(values, node);
    }
    for (const assignment of overrides.set ?? []) {
      const applied = applySet(values, assignment, name);
      if ('diagnostic' in applied) diagnostics.push(applied.diagnostic);
      else values = applied.values;
    }
    // SPEC §3: optional, and the formation's own name when no layer sets it
    const environment = scalarString(merged.entries.get('environment')) ?? name;
    const destination: Formation['destination'] = {};
    const dest = merged.entries.get('destination');
    const context = scalarString(lookupValue(dest, ['context']));
    const namespace = scalarString(lookupValue(dest, ['namespace']));
    if (context !== undefined) destination.context = context;
    if (namespace !== undefined) destination.namespace = namespace;
    // `kubernetesVersion: 1.30` unquoted is the number 1.3: its written text is what was meant
    const kubernetesVersion = scalarString(lookupValue(dest, ['kubernetesVersion']));
    if (kubernetesVersion !== undefined) destination.kubernetesVersion = kubernetesVersion;

    const secrets = new Map<string, SecretDeclaration>();
    const secretsNode = merged.entries.get('secrets');
    if (secretsNode?.kind === 'map') {
      for (const [k, v] of secretsNode.entries) {
        const ref = toPlain(v);
        if (typeof ref === 'string' || isRecord(ref)) secrets.set(k, { ref, at: v.at });
      }
    }
    const selected = selectStencils(stencils, merged.entries.get('stencils'), name, diagnostics);
    if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
    return {
      formation: { name, file, environment, destination, kubernetesVersion: kubernetesVersion ?? this.kubernetesVersion, values, secrets, stencils: selected, layers },
      diagnostics,
    };
  }
}

/**
 * SPEC §3: no value may be named `formation` or `secrets` at the root: `${formation.…}` and
 * `${secrets.…}` refer to the built-ins and the `secrets:` section, so it could never be used.
 */
function reservedValues(values: ValueNode | undefined, code: 'FORMATION_INVALID' | 'VALUES_INVALID', prefix: string, keyAt: (key: string) => Location): Diagnostic[] {
  if (values?.kind !== 'map') return [];
  return ['formation', 'secrets']
    .filter((reserved) => values.entries.has(reserved))
    .map((reserved) => diagnostic(code, `\`${prefix}${reserved}\` is reserved: \${${reserved}.…} refers to ${reserved === 'secrets' ? 'the `secrets:` section' : 'built-ins'}`, keyAt(reserved)));
}

function scalarString(node: ValueNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? scalarText(node) : undefined;
}

const SET = /^([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)=([\s\S]*)$/;

/** Applies one `--set a.b=value`; the value is read as a YAML scalar. */
function applySet(values: ValueNode, assignment: string, formation: string): { values: ValueNode } | { diagnostic: Diagnostic } {
  const at: Location = { file: '--set', line: 1, column: 1 };
  const m = SET.exec(assignment);
  if (!m) {
    return {
      diagnostic: diagnostic('SET_INVALID', `\`--set ${assignment}\`: expected path=value with a dotted path like image.tag=1.4.2`, at, { formation }),
    };
  }
  const segments = m[1]!.split('.');
  if (segments[0] === 'formation' || segments[0] === 'secrets') {
    return { diagnostic: diagnostic('SET_INVALID', `\`--set ${assignment}\`: \`${segments[0]}\` is reserved and cannot be set`, at, { formation }) };
  }
  let parsed: unknown;
  try {
    parsed = parseYamlValue(m[2]!);
  } catch {
    parsed = m[2]!;
  }
  const scalar = parsed === null || ['string', 'number', 'boolean'].includes(typeof parsed) ? (parsed as string | number | boolean | null) : m[2]!;
  const setAt: Location = { file: `--set ${m[1]!}`, line: 1, column: m[1]!.length + 2 };
  let node: ValueNode = { kind: 'scalar', value: scalar, at: setAt };
  // SPEC §2.2 rule 5: `--set tag=1.10` used as text is `1.10`, not `1.1`
  if (typeof scalar === 'number' || typeof scalar === 'boolean') node.text = m[2]!.trim();
  for (let i = segments.length - 1; i >= 0; i--) {
    const existing = lookupValue(values, segments.slice(0, i));
    if (existing && existing.kind !== 'map') {
      const where = `${existing.at.file}:${existing.at.line}:${existing.at.column}`;
      return {
        diagnostic: diagnostic(
          'SET_INVALID',
          `\`--set ${assignment}\`: \`${segments.slice(0, i).join('.')}\` is a ${existing.kind === 'seq' ? 'list' : 'scalar'} (set at ${where}), not a mapping`,
          { ...at, column: segments.slice(0, i).join('.').length + 1 },
          { formation },
        ),
      };
    }
    node = { kind: 'map', entries: new Map([[segments[i]!, node]]), at: setAt };
  }
  return { values: mergeValues(values, node) };
}

function selectStencils(stencils: readonly Stencil[], selection: ValueNode | undefined, formation: string, diagnostics: Diagnostic[]): Stencil[] {
  const include = lookupValue(selection, ['include']);
  const exclude = lookupValue(selection, ['exclude']);
  const globs = (node: ValueNode | undefined) =>
    node?.kind === 'seq' ? node.items.filter((i) => i.kind === 'scalar' && typeof i.value === 'string').map((i) => ({ glob: String((i as { value: unknown }).value), at: i.at })) : [];
  const matcher = (list: { glob: string; at: Location }[]) =>
    list.map((g) => {
      const isMatch = picomatch(g.glob, { dot: true });
      const matched = stencils.filter((s) => isMatch(s.name));
      if (matched.length === 0) {
        diagnostics.push(
          diagnostic('GLOB_NO_MATCH', `stencil glob \`${g.glob}\` matches no stencil under stencils/`, g.at, { formation }),
        );
      }
      return new Set(matched);
    });
  const inc = include ? matcher(globs(include)) : undefined;
  const exc = matcher(globs(exclude));
  return stencils.filter((s) => (inc ? inc.some((set) => set.has(s)) : true) && !exc.some((set) => set.has(s)));
}
