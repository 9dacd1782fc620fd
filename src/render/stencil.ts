import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { ContentCache } from '../core/content-cache.js';
import { SourceText } from '../core/source-text.js';
import { stripBom } from '../core/text-decode.js';
import { parseYamlFile } from '../core/yaml-document.js';
import { aliasTarget } from '../core/yaml-limits.js';
import { legacyOctal } from './legacy-octal.js';
import { isWholePlaceholder, scanPlaceholders, sourceOffsetOf, type Placeholder, type ScannedText } from './placeholder.js';

/** A placeholder with its exact span (`${` to after `}`) in the stencil source. */
export interface PlaceholderRef extends Span {
  path: readonly string[];
}

/** Text with placeholders: literal strings alternating with references. */
export type TextTemplate = readonly (string | PlaceholderRef)[];

/**
 * A stencil document compiled once per run and rendered once per formation. Each node keeps
 * its span in the stencil source (`SourceText`) for diagnostics and finding locations.
 */
export type TemplateNode = (
  | { t: 'literal'; value: unknown }
  | { t: 'whole'; ref: PlaceholderRef; quoted: boolean }
  | { t: 'text'; parts: TextTemplate }
  | { t: 'map'; entries: readonly TemplateEntry[] }
  | { t: 'seq'; items: readonly TemplateNode[] }
) &
  Span;

/** Offsets in the stencil source: start, and end (exclusive). */
export interface Span {
  offset: number;
  end: number;
}

export interface TemplateEntry {
  key: string | TextTemplate;
  keySpan: Span;
  value: TemplateNode;
}

export interface StencilDocument {
  index: number;
  root: TemplateNode;
}

export interface Stencil {
  /** Path relative to the project root, e.g. `stencils/web/deployment.yaml`. */
  file: string;
  /** Path relative to `stencils/`, what formation globs match. */
  name: string;
  source: SourceText;
  documents: StencilDocument[];
  /** Every placeholder path used (dotted), for unused-value detection and secret planning. */
  uses: ReadonlySet<string>;
}

export function compileStencil(file: string, name: string, text: string): { stencil: Stencil; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(file, text);
  const diagnostics = parsed.diagnostics;
  for (const d of diagnostics) {
    // `[${a}, ${b}]`: in flow collections `{` and `}` end a plain scalar, so YAML itself fails
    if (d.code === 'YAML_SYNTAX' && d.hint === undefined && d.line !== undefined && /[[{,]\s*\$\{/.test(parsed.source.lineText(d.line))) {
      d.hint = 'inside [ ] or { } a placeholder must be quoted ("${x}", which gives a string), or write the list or mapping in block style';
    }
  }
  const uses = new Set<string>();
  const compiler = new Compiler(parsed.source, diagnostics, uses);
  const documents = parsed.documents.map(({ index, doc }) => ({ index, root: compiler.node(doc.contents, doc) }));
  return { stencil: { file, name, source: parsed.source, documents, uses }, diagnostics };
}

/**
 * `compileStencil` through the per-user cache: a stencil whose text this build compiled before
 * is read back instead of parsed (parsing YAML is most of loading a project).
 */
export function compileStencilCached(file: string, name: string, text: string, cache: ContentCache | undefined): { stencil: Stencil; diagnostics: Diagnostic[] } {
  if (cache === undefined) return compileStencil(file, name, text);
  const { documents, uses, diagnostics } = cache.memo('stencil', [file, name, text], () => {
    const compiled = compileStencil(file, name, text);
    return { documents: compiled.stencil.documents, uses: compiled.stencil.uses, diagnostics: compiled.diagnostics };
  });
  return { stencil: { file, name, source: new SourceText(file, stripBom(text)), documents, uses }, diagnostics };
}

class Compiler {
  constructor(
    private readonly source: SourceText,
    private readonly diagnostics: Diagnostic[],
    private readonly uses: Set<string>,
  ) {}

  node(node: unknown, doc: Document): TemplateNode {
    if (isAlias(node)) return this.node(aliasTarget(node, doc), doc);
    const offset = (node as Node | null)?.range?.[0] ?? 0;
    const span: Span = { offset, end: (node as Node | null)?.range?.[1] ?? offset };
    if (isMap(node)) {
      const entries: TemplateEntry[] = [];
      // `<<` merge keys (YAML 1.1, which kubectl reads): explicit keys win, then earlier sources
      const taken = new Set(node.items.filter((p) => !isMergeKey(p.key)).map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key))));
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) {
          this.merge(pair.value, doc, taken, entries);
          continue;
        }
        const keyNode = pair.key;
        const keyOffset = (keyNode as Node | null)?.range?.[0] ?? offset;
        const keySpan: Span = { offset: keyOffset, end: (keyNode as Node | null)?.range?.[1] ?? keyOffset };
        let key: string | TextTemplate = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        if (isScalar(keyNode) && typeof keyNode.value === 'string') {
          const scan = this.scan(keyNode);
          if (scan.templated) key = this.text(scan, keyNode);
        }
        entries.push({ key, keySpan, value: this.node(pair.value, doc) });
      }
      return { t: 'map', entries, ...span };
    }
    if (isSeq(node)) return { t: 'seq', items: node.items.map((item) => this.node(item, doc)), ...span };
    if (isScalar(node)) {
      if (typeof node.value !== 'string') return { t: 'literal', value: legacyOctal(node) ?? node.value ?? null, ...span };
      const scan = this.scan(node);
      if (!scan.templated) return { t: 'literal', value: node.value, ...span };
      const whole = isWholePlaceholder(scan);
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      if (whole && !block) {
        const ref = this.ref(whole, node);
        const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
        return { t: 'whole', ref, quoted, ...span };
      }
      const parts = this.text(scan, node);
      if (parts.every((p) => typeof p === 'string')) return { t: 'literal', value: parts.join(''), ...span };
      return { t: 'text', parts, ...span };
    }
    return { t: 'literal', value: null, ...span };
  }

  private merge(value: unknown, doc: Document, taken: Set<string>, entries: TemplateEntry[]): void {
    const sources = isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const compiled = this.node(source, doc);
      if (compiled.t !== 'map') {
        const at = (source as Node | null)?.range?.[0] ?? (value as Node | null)?.range?.[0] ?? 0;
        this.diagnostics.push(diagnostic('YAML_SYNTAX', 'a `<<` merge key takes a mapping or a list of mappings', this.source.location(at)));
        continue;
      }
      for (const e of compiled.entries) {
        if (typeof e.key === 'string') {
          if (taken.has(e.key)) continue;
          taken.add(e.key);
        }
        entries.push(e);
      }
    }
  }

  private scan(node: Scalar): ScannedText {
    const value = node.value as string;
    const scan = scanPlaceholders(value);
    for (const e of scan.errors) {
      this.diagnostics.push(
        diagnostic('PLACEHOLDER_SYNTAX', e.message, this.source.location(...this.spanIn(node, e.start, e.end)), {
          hint: 'write `$${` for a literal `${`',
        }),
      );
    }
    return scan;
  }

  private text(scan: ScannedText, node: Scalar): TextTemplate {
    return scan.parts.map((p) => (typeof p === 'string' ? p : this.ref(p, node)));
  }

  private ref({ path, start, end }: Placeholder, node: Scalar): PlaceholderRef {
    this.uses.add(path.join('.'));
    const [offset, stop] = this.spanIn(node, start, end);
    return { path, offset, end: stop };
  }

  /**
   * A span of the scalar's value in the source. A placeholder is written the same in the value
   * and in the source (its characters need no escape), so its end is as far from its start.
   */
  private spanIn(node: Scalar, start: number, end: number): [number, number] {
    const offset = this.offsetIn(node, start);
    return [offset, Math.min(offset + (end - start), node.range?.[1] ?? offset + 1)];
  }

  private offsetIn(node: Scalar, valueOffset: number): number {
    let start = node.range?.[0] ?? 0;
    const end = node.range?.[1] ?? start;
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      // the header line (`| # a comment`) may hold a `${` of its own; the content starts below it
      const newline = this.source.text.indexOf('\n', start);
      if (newline !== -1 && newline < end) start = newline + 1;
    }
    return sourceOffsetOf(node.value as string, valueOffset, this.source.text.slice(start, end), start);
  }
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN;
}
