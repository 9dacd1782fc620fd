import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit, Scalar, type Document, type Node, type ScalarTag, type YAMLError, type YAMLWarning } from 'yaml';
import type { DiagnosticCode } from './diagnostic-code.js';
import { diagnostic, type Diagnostic, type Location } from './diagnostic.js';
import { isRecord, type JsonPath, type LocateOptions, type Manifest, type SourcePointer } from './manifest.js';
import { SourceText } from './source-text.js';
import { invalidEncodingAt, invalidEncodingMessage, stripBom } from './text-decode.js';
import { aliasTarget, checkAliases, tooDeep, YAML_LIMITS, type AliasBudget } from './yaml-limits.js';

export interface YamlFile {
  source: SourceText;
  /** Non-empty documents, in order, with their index in the stream. */
  documents: { index: number; doc: Document.Parsed }[];
  diagnostics: Diagnostic[];
}

/**
 * The one loader of YAML text, for every input (stencils, formations, `--values`, stdin,
 * CRDs, approvals, config, baselines). It keeps source positions, and bounds what a hostile
 * file can cost (`YAML_LIMITS`): size, nesting depth and alias expansion are `YAML_LIMIT`,
 * text that is not valid UTF-8 is `ENCODING_INVALID`, both at their exact position. YAML
 * errors become diagnostics at their position (`YAML_SYNTAX`, `DUPLICATE_KEY` for a repeated
 * key, `YAML_TAG_UNKNOWN` for a tag Kubernetes data cannot hold); documents with errors are
 * dropped so that nothing downstream works on a half-read document. A leading byte order mark
 * is accepted and dropped.
 */
export function parseYamlFile(file: string, input: string): YamlFile {
  const text = stripBom(input);
  const source = new SourceText(file, text);
  const fail = (code: DiagnosticCode, message: string, offset: number): YamlFile => ({ source, documents: [], diagnostics: [diagnostic(code, message, source.location(offset))] });
  if (text.length > YAML_LIMITS.maxChars) {
    return fail('YAML_LIMIT', `file is ${text.length.toLocaleString('en-US')} characters; the limit is ${YAML_LIMITS.maxChars.toLocaleString('en-US')}`, 0);
  }
  const encoding = invalidEncodingAt(text);
  if (encoding) return fail('ENCODING_INVALID', invalidEncodingMessage(encoding), encoding.offset);
  // YAML allows no C0 control characters but tab, LF and CR; the parser lets them through
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail('YAML_SYNTAX', `control character U+${code} is not allowed in YAML (is this a binary file?)`, control.index);
  }
  const tokens = Array.from(new Parser().parse(text));
  const deep = tooDeep(tokens);
  if (deep) return fail('YAML_LIMIT', deep.message, deep.offset);
  const diagnostics: Diagnostic[] = [];
  const documents: YamlFile['documents'] = [];
  const docs = new Composer({ keepSourceTokens: true, prettyErrors: false, uniqueKeys: true, resolveKnownTags: false, customTags: [binaryAsText, anyFloat] }).compose(tokens);
  const budget: AliasBudget = { used: 0 };
  let budgetReported = false;
  let index = 0;
  for (const doc of docs) {
    const errors = doc.errors;
    // after the first syntax error the parser's further complaints are mostly echoes of it
    let syntaxReported = false;
    for (const e of errors) {
      const code = e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : e.code === 'TAG_RESOLVE_FAILED' ? 'YAML_TAG_INVALID' : 'YAML_SYNTAX';
      if (code === 'YAML_SYNTAX') {
        if (syntaxReported) continue;
        syntaxReported = true;
      }
      const unclosed = unclosedStart(doc, e);
      diagnostics.push(diagnostic(code, cleanYamlMessage(e.message), unclosed === undefined ? errorSpan(source, e) : source.location(unclosed)));
    }
    let tagErrors = false;
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED') {
        tagErrors = true;
        diagnostics.push(diagnostic('YAML_TAG_UNKNOWN', unknownTagMessage(text, w.pos), source.location(w.pos[0], w.pos[1])));
      } else {
        diagnostics.push(diagnostic('YAML_WARNING', cleanYamlMessage(w.message), errorSpan(source, w), { severity: 'warning' }));
      }
    }
    const ok = errors.length === 0 && !tagErrors;
    const aliases = ok ? checkAliases(doc, budget) : undefined;
    // once the file's budget is spent, every later alias passes it too: one report is enough
    if (aliases && !(aliases.code === 'YAML_LIMIT' && budget.used > YAML_LIMITS.maxAliasNodes && budgetReported)) {
      diagnostics.push(diagnostic(aliases.code, aliases.message, source.location(aliases.offset, aliases.end)));
      budgetReported ||= aliases.code === 'YAML_LIMIT';
    }
    if (ok && !aliases && doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
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

/**
 * `!!binary`: Kubernetes data has no bytes type; a `[]byte` field (a Secret's `data`) is base64
 * text in JSON, so the node reads as its base64 text, checked and without line breaks.
 */
const binaryAsText: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  identify: () => false,
  resolve(value, onError) {
    const b64 = value.replace(/[\s]+/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) onError('`!!binary` needs base64 text');
    return b64;
  },
};

/** `!!float 1` is 1 (YAML 1.2 core and Go read it so; `yaml` wants a written fraction). */
const anyFloat: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  identify: () => false,
  resolve(value, onError) {
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(value)) return value.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(?:nan|NaN|NAN)$/.test(value)) return NaN;
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(value)) return Number(value);
    onError('`!!float` needs a number');
    return value;
  },
};

function unknownTagMessage(text: string, pos: readonly number[]): string {
  const tag = /^!\S*/.exec(text.slice(pos[0]))?.[0] ?? 'tag';
  return `unknown or unsupported tag \`${tag}\` for this value: Kubernetes data has strings, numbers, booleans, null, mappings and lists (remove the tag, or quote the value)`;
}

/** Plain JavaScript data of a parsed document; aliases are expanded (bounded by the loader's budget). */
export function yamlToJs(doc: Document, node: unknown = doc.contents): unknown {
  if (isAlias(node)) {
    const target = aliasTarget(node, doc);
    return target === undefined ? null : yamlToJs(doc, target);
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? (pair.key.value === null || pair.key.value === undefined ? '' : String(pair.key.value)) : JSON.stringify(yamlToJs(doc, pair.key));
      const value = yamlToJs(doc, pair.value);
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => yamlToJs(doc, item));
  if (isScalar(node)) return node.value ?? null;
  return null;
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
    if (isAlias(node)) node = aliasTarget(node, doc);
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
    const object = yamlToJs(doc);
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
