#!/usr/bin/env node
// Writes schemas/config.schema.json, schemas/formation.schema.json and
// schemas/approvals.schema.json (for editors: `# yaml-language-server: $schema=…`) from the
// schema objects the loaders validate with, as compiled into dist/. Run by `npm run build`
// after tsc; test/package/schemas.test.ts checks the committed files against the sources.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The published schema files (name → JSON text) from the source objects. copperplate.yaml's
 * schema is the one `loadConfig` builds: the config schema with the secrets layer's sections.
 */
export function buildSchemas({ configSchema, secretsConfigSections, formationSchema, approvalsSchema }) {
  const config = { ...configSchema, properties: { ...configSchema.properties, ...secretsConfigSections() } };
  const files = {
    'config.schema.json': config,
    'formation.schema.json': formationSchema,
    'approvals.schema.json': approvalsSchema,
  };
  return Object.fromEntries(Object.entries(files).map(([name, schema]) => [name, `${JSON.stringify(publishable(schema), null, 2)}\n`]));
}

/** `$schema` belongs at a schema resource's root only (ajv strict mode rejects it nested). */
function publishable(node, root = true) {
  if (Array.isArray(node)) return node.map((n) => publishable(n, false));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (!root && (k === '$schema' || k === '$id')) continue;
    out[k] = publishable(v, false);
  }
  return out;
}

async function main() {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dist = (p) => import(pathToFileURL(path.join(repo, 'dist', p)).href);
  const [{ configSchema }, { secretsConfigSections }, { formationSchema }, { approvalsSchema }] = await Promise.all([
    dist('engine/config.js'),
    dist('engine/secrets-config.js'),
    dist('render/formation-schema.js'),
    dist('policy/approvals-schema.js'),
  ]);
  const outDir = path.join(repo, 'schemas');
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(buildSchemas({ configSchema, secretsConfigSections, formationSchema, approvalsSchema }))) {
    fs.writeFileSync(path.join(outDir, name), text);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
