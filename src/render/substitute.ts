import { diagnostic, type Diagnostic, type DiagnosticCode } from '../core/diagnostic.js';
import { isRecord, type JsonPath, type LocateOptions, type Manifest, type SourcePointer } from '../core/manifest.js';
import { SecretValue, isSecretValue, revealSecret, secretStandIn } from '../core/secret-value.js';
import { suggest } from '../core/suggest.js';
import type { Formation } from './formation.js';
import type { PlaceholderRef, Span, Stencil, StencilDocument, TemplateNode, TextTemplate } from './stencil.js';
import { defineKey, descendValue, lookupValue, scalarText, toPlain, valuePaths, type ValueNode } from './value-tree.js';

/** One rendered stencil document for one formation. */
export interface RenderedDocument {
  stencil: Stencil;
  index: number;
  /** What policies and schema validation see: secrets are their stand-ins. */
  manifest: Manifest;
  /** What the manifest writer emits: `SecretValue`s where secrets were resolved. */
  data: Record<string, unknown>;
  /** Names of the secrets this document uses. */
  secrets: ReadonlySet<string>;
}

/** Resolved secrets of a formation by name; absent (redact mode) means stand-ins. */
export type SecretLookup = (name: string) => SecretValue | undefined;

/** A placeholder's value; `node` when it comes from the formation's values. */
type Resolved = { value: unknown; node?: ValueNode };

const BUILTINS = ['formation.name', 'formation.environment', 'formation.namespace', 'formation.context'];

/** Renders the documents of one stencil for one formation (SPEC §2.2). */
export class FormationRenderer {
  private readonly diagnostics: Diagnostic[];
  private candidates: string[] | undefined;
  constructor(
    private readonly formation: Formation,
    diagnostics: Diagnostic[],
  ) {
    this.diagnostics = diagnostics;
  }

  renderStencil(stencil: Stencil, secrets: SecretLookup | undefined): RenderedDocument[] {
    const out: RenderedDocument[] = [];
    for (const doc of stencil.documents) {
      const used = new Set<string>();
      const pass = new Pass(this, stencil, undefined, used, true);
      const redacted = pass.node(doc.root);
      // a document that is a whole placeholder of null is no document, as an empty or `~` one is
      if (redacted === null) continue;
      if (!isRecord(redacted)) {
        this.report('MANIFEST_NOT_OBJECT', 'a stencil document must be a mapping (a Kubernetes object)', stencil, doc.root);
        continue;
      }
      let data = redacted;
      if (secrets && used.size > 0) data = new Pass(this, stencil, secrets, new Set(), false).node(doc.root) as Record<string, unknown>;
      out.push({ stencil, index: doc.index, manifest: this.manifest(stencil, doc, redacted), data, secrets: used });
    }
    return out;
  }

  /** The value of a placeholder's path; `undefined` when it resolves to nothing (SPEC §2.2 rule 6). */
  resolve(path: readonly string[], secrets: SecretLookup | undefined, used: Set<string>): Resolved | undefined {
    const [root, ...rest] = path;
    const f = this.formation;
    if (root === 'formation') {
      if (rest.length !== 1) return undefined;
      const builtin: Record<string, string | undefined> = {
        name: f.name,
        environment: f.environment,
        namespace: f.destination.namespace,
        context: f.destination.context,
      };
      const v = builtin[rest[0]!];
      return v === undefined ? undefined : { value: v };
    }
    if (root === 'secrets') {
      if (rest.length !== 1 || !f.secrets.has(rest[0]!)) return undefined;
      used.add(rest[0]!);
      return { value: secrets?.(rest[0]!) ?? secretStandIn(rest[0]!) };
    }
    const node = lookupValue(f.values, path);
    if (!node) return undefined;
    const plain = toPlain(node);
    return { value: typeof plain === 'object' && plain !== null ? structuredClone(plain) : plain, node };
  }

  undefinedPlaceholder(ref: PlaceholderRef, stencil: Stencil): void {
    const name = ref.path.join('.');
    this.candidates ??= [...valuePaths(this.formation.values), ...BUILTINS, ...[...this.formation.secrets.keys()].map((k) => `secrets.${k}`)];
    const near = suggest(name, this.candidates);
    this.report(
      'PLACEHOLDER_UNDEFINED',
      `\`\${${name}}\` is not defined for formation ${this.formation.name}`,
      stencil,
      ref,
      near.length ? `did you mean ${near.map((n) => `\`\${${n}}\``).join(', ')}?` : undefined,
    );
  }

  report(code: DiagnosticCode, message: string, stencil: Stencil, span: Span, hint?: string): void {
    this.diagnostics.push(diagnostic(code, message, stencil.source.location(span.offset, span.end), { formation: this.formation.name, hint }));
  }

  private manifest(stencil: Stencil, doc: StencilDocument, object: Record<string, unknown>): Manifest {
    return {
      formation: this.formation.name,
      file: stencil.file,
      index: doc.index,
      object,
      locate: (path, options) => this.locate(stencil, doc.root, path, options),
    };
  }

  /** Follows `path` through the template; past a whole-value placeholder, into the formation value. */
  private locate(stencil: Stencil, root: TemplateNode, path: JsonPath, options: LocateOptions = {}): SourcePointer {
    let node: TemplateNode = root;
    let span: Span = root;
    const keys = new Pass(this, stencil, undefined, new Set(), false);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (node.t === 'whole') return this.intoValue(stencil, node.ref, path.slice(i));
      let next: TemplateNode | undefined;
      if (node.t === 'map') {
        for (const e of node.entries) {
          if (keys.key(e.key) === String(seg)) {
            next = e.value;
            const keyWanted = options.key && i === path.length - 1;
            span = keyWanted || (e.value.t === 'literal' && e.value.value === null) ? e.keySpan : e.value;
            break;
          }
        }
      } else if (node.t === 'seq' && typeof seg === 'number') {
        next = node.items[seg];
        if (next) span = next;
      }
      // the nearest ancestor stands in for a missing path: its start, not all of it
      if (!next) return { ...stencil.source.location(span.offset), exact: false };
      node = next;
    }
    if (node.t === 'whole' && !options.key) return this.intoValue(stencil, node.ref, []);
    const at: SourcePointer = { ...stencil.source.location(span.offset, span.end), exact: true };
    if (node.t === 'text') {
      const refs = node.parts.filter((p): p is PlaceholderRef => typeof p !== 'string');
      const last = refs[refs.length - 1];
      // builtins and secrets are found in no values: their roots are reserved (SPEC §3)
      const source = last && lookupValue(this.formation.values, last.path);
      if (source) at.valueSource = source.at;
    }
    return at;
  }

  private intoValue(stencil: Stencil, ref: PlaceholderRef, rest: JsonPath): SourcePointer {
    const at = stencil.source.location(ref.offset, ref.end);
    // a builtin or a secret (never in values: SPEC §3), or nothing: the placeholder is all there is
    const base = lookupValue(this.formation.values, ref.path);
    if (!base) return { ...at, exact: rest.length === 0 };
    const { node, exact } = descendValue(base, rest);
    return { ...at, exact, valueSource: node.at };
  }
}

/** One walk over a template: the redacted pass reports diagnostics; the secret pass, and `locate` reading keys, do not. */
class Pass {
  constructor(
    private readonly r: FormationRenderer,
    private readonly stencil: Stencil,
    private readonly secrets: SecretLookup | undefined,
    private readonly used: Set<string>,
    private readonly reporting: boolean,
  ) {}

  node(node: TemplateNode): unknown {
    switch (node.t) {
      case 'literal':
        return node.value;
      case 'map': {
        const obj: Record<string, unknown> = {};
        for (const e of node.entries) {
          const key = this.key(e.key);
          if (key === undefined) {
            // refused (it holds a secret): left out, so that it collides with nothing; its value is still checked
            this.node(e.value);
            continue;
          }
          // only a templated key can collide here (the parser rejects literal duplicates)
          if (this.reporting && Object.hasOwn(obj, key)) {
            this.r.report('DUPLICATE_KEY', `key \`${key}\` occurs twice in this mapping after substitution`, this.stencil, e.keySpan);
          }
          defineKey(obj, key, this.node(e.value));
        }
        return obj;
      }
      case 'seq':
        return node.items.map((item) => this.node(item));
      case 'whole': {
        const v = this.lookup(node.ref);
        if (!v) return null;
        if (!node.quoted) return v.value;
        if (isComposite(v.value)) {
          this.typeError(node.ref, 'a quoted placeholder yields a string, but the value is a ' + kindOf(v.value) + ': remove the quotes to insert it');
          return null;
        }
        return isSecretValue(v.value) ? v.value : asText(v);
      }
      case 'text':
        return this.text(node.parts);
    }
  }

  /** Interpolates text; the result is a SecretValue when any part is one. */
  text(parts: TextTemplate): string | SecretValue {
    let out = '';
    let names: string[] | undefined;
    for (const p of parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      const v = this.lookup(p);
      if (!v) continue;
      if (isComposite(v.value)) {
        this.typeError(p, `cannot interpolate a ${kindOf(v.value)} into text: use the placeholder as the whole value`);
        continue;
      }
      if (isSecretValue(v.value)) {
        (names ??= []).push(...v.value.names);
        out += revealSecret(v.value);
      } else out += asText(v);
    }
    return names ? new SecretValue(out, names) : out;
  }

  /** A mapping key as the rendered object has it; `undefined` for a key with a secret, which is refused. */
  key(key: string | TextTemplate): string | undefined {
    if (typeof key === 'string') return key;
    // decided on the template, not the value: the reporting pass only ever sees stand-ins
    const secret = key.find((p): p is PlaceholderRef => typeof p !== 'string' && p.path[0] === 'secrets');
    if (secret) {
      if (this.reporting) this.r.report('PLACEHOLDER_TYPE', 'secrets cannot be used in mapping keys', this.stencil, secret);
      return undefined;
    }
    // only a secrets placeholder makes a SecretValue, and those were answered above
    return String(this.text(key));
  }

  private lookup(ref: PlaceholderRef) {
    const v = this.r.resolve(ref.path, this.secrets, this.used);
    if (!v && this.reporting) this.r.undefinedPlaceholder(ref, this.stencil);
    return v;
  }

  private typeError(ref: PlaceholderRef, message: string): void {
    if (this.reporting) this.r.report('PLACEHOLDER_TYPE', `\`\${${ref.path.join('.')}}\`: ${message}`, this.stencil, ref);
  }
}

function isComposite(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !isSecretValue(v);
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'list' : 'mapping';
}

/** A value used as text: a formation scalar as it was written (SPEC §2.2 rule 5), anything else by its value. */
function asText(v: Resolved): string {
  // builtins and secrets are strings; any other null is written `null`, as String() does
  return v.node?.kind === 'scalar' ? scalarText(v.node) : String(v.value);
}
