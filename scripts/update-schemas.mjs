#!/usr/bin/env node
// Regenerates schemas/k8s/ (the field index used for strict unknown-field checks) from the
// type declarations of the installed `kubernetes-models` package. Run after upgrading it:
//   npm install kubernetes-models@<version> && node scripts/update-schemas.mjs
// The ajv-compiled validators for types, required fields, enums and formats are not copied:
// they are loaded from kubernetes-models itself at run time, so both always match.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const modelsDir = path.dirname(require.resolve('kubernetes-models/package.json'));
const machineryDir = path.dirname(createRequire(path.join(modelsDir, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json'));
const modelsVersion = JSON.parse(fs.readFileSync(path.join(modelsDir, 'package.json'), 'utf8')).version;
const outDir = path.join(root, 'schemas', 'k8s');
// The Kubernetes release the installed kubernetes-models was generated from (its README badge
// lags behind): 4.5.1 has networking.k8s.io/v1 ServiceCIDR and Lifecycle.stopSignal, both 1.33.
// Pass --kubernetes X.Y when upgrading.
const flag = process.argv.indexOf('--kubernetes');
const kubernetesVersion = flag !== -1 ? process.argv[flag + 1] : '1.33';

/** Every interface declaration file below dir (not indexes, not compiled validators). */
function declarationFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const rel = entry.split(path.sep).join('/');
    if (!rel.endsWith('.d.ts') || rel.startsWith('_schemas/') || rel.startsWith('node_modules/')) continue;
    if (rel.endsWith('index.d.ts')) continue;
    out.push(rel);
  }
  return out.sort();
}

// Definition id (the OpenAPI name, e.g. IoK8sApiAppsV1DeploymentSpec) → { shard, props, kind? }
const defs = new Map();
const pending = [];

function shardOf(pkg, rel) {
  const dir = path.posix.dirname(rel);
  return pkg === 'machinery' ? `meta.${dir.replaceAll('/', '.')}` : dir === '.' ? 'core' : dir.replaceAll('/', '.').replace(/^v1$/, 'core.v1');
}

for (const [pkg, dir] of [['models', modelsDir], ['machinery', machineryDir]]) {
  for (const rel of declarationFiles(dir)) {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, true);
    const imported = new Map(); // local name → definition id
    const localAlias = new Map(); // local interface name → definition id
    const interfaces = [];
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
        for (const el of st.importClause.namedBindings.elements) {
          if (el.name.text.startsWith('IIo')) imported.set(el.name.text, el.name.text.slice(1));
        }
      } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          if (el.propertyName && el.name.text.startsWith('IIo')) localAlias.set(el.propertyName.text, el.name.text.slice(1));
        }
      } else if (ts.isInterfaceDeclaration(st)) {
        interfaces.push(st);
      } else if (ts.isTypeAliasDeclaration(st)) {
        interfaces.push(st);
      }
    }
    for (const decl of interfaces) {
      const id = localAlias.get(decl.name.text);
      if (!id) continue;
      pending.push({ id, decl, imported, localAlias, shard: shardOf(pkg, rel), pkg });
    }
  }
}

function refOf(name, ctx) {
  return ctx.imported.get(name) ?? ctx.localAlias.get(name);
}

/** 0 scalar, 1 anything, "Id" a definition, {a: spec} array, {m: spec} map, {o: {name: spec}} inline object. */
function typeSpec(node, ctx) {
  if (!node) return 1;
  if (ts.isParenthesizedTypeNode(node)) return typeSpec(node.type, ctx);
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1) return { a: typeSpec(node.typeArguments[0], ctx) };
    const ref = refOf(name, ctx);
    return ref ?? 1;
  }
  if (ts.isArrayTypeNode(node)) return { a: typeSpec(node.elementType, ctx) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1) return { m: typeSpec(index.type, ctx) };
    const props = {};
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !m.name) return 1;
      props[ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText()] = typeSpec(m.type, ctx);
    }
    return Object.keys(props).length === 0 ? 1 : { o: props };
  }
  if (ts.isUnionTypeNode(node)) {
    const specs = node.types.map((t) => typeSpec(t, ctx));
    return specs.every((s) => s === 0) ? 0 : 1;
  }
  if (ts.isIndexedAccessTypeNode(node) || ts.isLiteralTypeNode(node)) return 0;
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.NullKeyword:
      return 0;
    default:
      return 1;
  }
}

function literal(member) {
  return member?.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal) ? member.type.literal.text : undefined;
}

const kinds = {};
for (const p of pending) {
  if (ts.isTypeAliasDeclaration(p.decl)) {
    // IntOrString, Quantity, Time, …: scalars whose type and format the validator checks.
    const spec = typeSpec(p.decl.type, p);
    defs.set(p.id, { shard: p.shard, spec: spec === 0 ? 0 : 1 });
    continue;
  }
  const props = {};
  const members = new Map();
  for (const m of p.decl.members) {
    if (!ts.isPropertySignature(m) || !m.name) continue;
    const name = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText();
    members.set(name, m);
    props[name] = typeSpec(m.type, p);
  }
  // An empty interface (RawExtension, JSON, FieldsV1) holds arbitrary data.
  defs.set(p.id, members.size === 0 ? { shard: p.shard, spec: 1 } : { shard: p.shard, props });
  const apiVersion = literal(members.get('apiVersion'));
  const kind = literal(members.get('kind'));
  if (p.pkg === 'models' && apiVersion && kind) {
    if (!fs.existsSync(path.join(modelsDir, '_schemas', `${p.id}.js`))) continue;
    (kinds[apiVersion] ??= {})[kind] = p.id;
  }
}

// Definitions that are plain scalars or free-form data are inlined into their users.
function inline(spec) {
  if (typeof spec === 'string') {
    const d = defs.get(spec);
    if (!d) return 1;
    if ('spec' in d) return d.spec;
    return spec;
  }
  if (spec && typeof spec === 'object') {
    if ('a' in spec) return { a: inline(spec.a) };
    if ('m' in spec) return { m: inline(spec.m) };
    const props = {};
    for (const name of Object.keys(spec.o).sort()) props[name] = inline(spec.o[name]);
    return { o: props };
  }
  return spec;
}

const shards = {};
const shardOfDef = {};
for (const id of [...defs.keys()].sort()) {
  const d = defs.get(id);
  if (!('props' in d)) continue;
  const props = {};
  for (const name of Object.keys(d.props).sort()) props[name] = inline(d.props[name]);
  (shards[d.shard] ??= {})[id] = props;
  shardOfDef[id] = d.shard;
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(outDir, 'fields'), { recursive: true });
const sortedKinds = {};
for (const v of Object.keys(kinds).sort()) {
  sortedKinds[v] = {};
  for (const k of Object.keys(kinds[v]).sort()) sortedKinds[v][k] = kinds[v][k];
}
fs.writeFileSync(
  path.join(outDir, 'index.json'),
  `${JSON.stringify({ source: `kubernetes-models@${modelsVersion}`, kubernetes: kubernetesVersion, kinds: sortedKinds, shards: shardOfDef })}\n`,
);
for (const name of Object.keys(shards).sort()) {
  fs.writeFileSync(path.join(outDir, 'fields', `${name}.json`), `${JSON.stringify(shards[name])}\n`);
}
const kindCount = Object.values(sortedKinds).reduce((n, k) => n + Object.keys(k).length, 0);
process.stdout.write(`schemas/k8s: ${kindCount} kinds, ${Object.keys(shardOfDef).length} definitions, ${Object.keys(shards).length} shards from kubernetes-models@${modelsVersion}\n`);
