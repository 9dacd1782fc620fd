import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, Scalar, type Document, type Node, type YAMLError, type YAMLWarning } from 'yaml';
import { diagnostic, type Diagnostic, type Location } from './diagnostic.js';
import { isRecord, type JsonPath, type LocateOptions, type Manifest, type SourcePointer } from './manifest.js';
import { SourceText } from './source-text.js';

export interface YamlFile {
  source: SourceText;
  /** Non-empty documents, in order, with their index in the stream. */
  documents: { index: number; doc: Document.Parsed }[];
  diagnostics: Diagnostic[];
}

/**
 * Parses a YAML stream keeping source positions. YAML errors become diagnostics at their
 * exact position (`YAML_SYNTAX`, or `DUPLICATE_KEY` for a repeated mapping key); documents with
 * errors are dropped so that nothing downstream works on a half-read document.
 */
export function parseYamlFile(file: string, text: string): YamlFile {
  const source = new SourceText(file, text);
  const diagnostics: Diagnostic[] = [];
  // YAML allows no C0 control characters but tab, LF and CR; the parser lets them through
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    diagnostics.push(diagnostic('YAML_SYNTAX', `control character U+${code} is not allowed in YAML (is this a binary file?)`, source.location(control.index)));
    return { source, documents: [], diagnostics };
  }
  const documents: YamlFile['documents'] = [];
  const docs = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  let index = 0;
  for (const doc of docs) {
    const errors = doc.errors;
    // after the first syntax error the parser's further complaints are mostly echoes of it
    let syntaxReported = false;
    for (const e of errors) {
      const code = e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX';
      if (code === 'YAML_SYNTAX') {
        if (syntaxReported) continue;
        syntaxReported = true;
      }
      const unclosed = unclosedStart(doc, e);
      diagnostics.push(diagnostic(code, cleanYamlMessage(e.message), unclosed === undefined ? errorSpan(source, e) : source.location(unclosed)));
    }
    for (const w of doc.warnings) {
      diagnostics.push(diagnostic('YAML_WARNING', cleanYamlMessage(w.message), errorSpan(source, w), { severity: 'warning' }));
    }
    const unresolved = errors.length === 0 ? unresolvedAlias(doc) : undefined;
    if (unresolved) {
      const { source: name, range } = unresolved;
      diagnostics.push(diagnostic('YAML_SYNTAX', `unknown alias \`*${name}\`: no anchor \`&${name}\` before it`, source.location(range[0], range[1])));
    }
    if (!unresolved && errors.length === 0 && doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
      documents.push({ index, doc });
    }
    index++;
  }
  return { source, documents, diagnostics };
}

/** The parser's span of a problem (`pos`: start and end offsets), when it is not empty. */
function errorSpan(source: SourceText, e: YAMLError | YAMLWarning): Location {
  const [start, end] = e.pos;
  return end > start ? source.location(start, end) : source.location(start);
}

/** The first alias without an anchor before it (the parser leaves these for toJS to throw on). */
function unresolvedAlias(doc: Document.Parsed): { source: string; range: [number, number] } | undefined {
  let found: { source: string; range: [number, number] } | undefined;
  visit(doc, {
    Alias: (_k, n) => {
      if (n.resolve(doc) === undefined) {
        const [start = 0, end = start] = n.range ?? [];
        found = { source: n.source, range: [start, end] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The parser reports an unclosed quote or flow collection where the input ends; the place to
 * fix is where it opens: the start of the quoted scalar or flow collection that ends there.
 */
function unclosedStart(doc: Document.Parsed, e: YAMLError): number | undefined {
  const quote = e.code === 'MISSING_CHAR' && /quote/i.test(e.message);
  const flow = e.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(e.message);
  if (!quote && !flow) return undefined;
  let start: number | undefined;
  const check = (node: Node) => {
    if (node.range && node.range[1] === e.pos[0]) start ??= node.range[0];
  };
  visit(doc, {
    Scalar: (_k, n) => {
      if (quote && (n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE)) check(n);
    },
    Seq: (_k, n) => {
      if (flow && n.flow) check(n);
    },
    Map: (_k, n) => {
      if (flow && n.flow) check(n);
    },
  });
  return start;
}

function cleanYamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** Start of a node, or of the key that introduces it when the node itself has no text. */
export function nodeOffset(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/**
 * Locates a JSON path in a parsed document: the value's position when it exists, otherwise the
 * nearest existing ancestor (the key that holds it, where there is one).
 */
export function locateInDocument(source: SourceText, doc: Document, path: JsonPath, options: LocateOptions = {}): SourcePointer {
  let node: unknown = doc.contents;
  let best = nodeSpan(doc.contents as Node) ?? [0, 0];
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const seg = path[i];
    let next: unknown;
    let keySpan: [number, number] | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : pair.key;
        if (key === String(seg)) {
          next = pair.value;
          keySpan = nodeSpan(pair.key as Node);
          break;
        }
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    // the nearest ancestor stands in for a missing path: its start, not all of it
    if (next === undefined && keySpan === undefined) return { ...source.location(best[0]), exact: false };
    const valueSpan = next && typeof next === 'object' ? nodeSpan(next as Node) : undefined;
    const emptyValue = next === null || (isScalar(next) && next.value === null && next.source === '');
    const last = i === path.length - 1;
    best = (emptyValue || (last && options.key) ? keySpan : valueSpan) ?? keySpan ?? valueSpan ?? best;
    node = next;
  }
  return { ...source.location(best[0], best[1]), exact: true };
}

/** A node's source span: start, and end of its value (before a trailing comment). */
function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** Already-rendered manifests (for `validate` and baselines) as Manifests located in their file. */
export function manifestsFromYaml(file: string, text: string, formation?: string): { manifests: Manifest[]; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(file, text);
  const manifests: Manifest[] = [];
  for (const { index, doc } of parsed.documents) {
    const object = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (!isRecord(object)) {
      parsed.diagnostics.push(
        diagnostic('MANIFEST_NOT_OBJECT', 'a Kubernetes manifest must be a mapping', parsed.source.location(nodeOffset(doc.contents as Node) ?? 0)),
      );
      continue;
    }
    if (object['kind'] === 'List' && Array.isArray(object['items'])) {
      object['items'].forEach((item, i) => {
        if (isRecord(item)) manifests.push(yamlManifest(parsed.source, doc, item, index, ['items', i], formation));
      });
      continue;
    }
    manifests.push(yamlManifest(parsed.source, doc, object, index, [], formation));
  }
  return { manifests, diagnostics: parsed.diagnostics };
}

function yamlManifest(
  source: SourceText,
  doc: Document,
  object: Record<string, unknown>,
  index: number,
  prefix: JsonPath,
  formation: string | undefined,
): Manifest {
  const m: Manifest = {
    file: source.file,
    index,
    object,
    locate: (path, options) => locateInDocument(source, doc, [...prefix, ...path], options),
  };
  if (formation !== undefined) m.formation = formation;
  return m;
}
