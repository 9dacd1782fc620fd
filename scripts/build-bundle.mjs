#!/usr/bin/env node
// Run by `npm run build` after tsc. esbuild bundles, so that a cold command loads a handful of
// files instead of hundreds of modules; the library (dist/ from tsc, package.json "exports")
// stays unbundled.
//
// dist/bundle/: the CLI (src/cli/main.ts as copperplate.cjs, run by launch.mjs, which is what
// bin/copperplate.js imports) and the worker threads' entries.
//
// dist/k8s-validators/: the ajv-compiled validators of kubernetes-models that
// src/schema/builtin-schemas.ts loads. The kinds most projects use, and ObjectMeta, are one file
// (common.cjs: one file of 0.7 MB, whose compiled code the per-user cache keeps); every other
// definition schemas/k8s/index.json names is an entry of its own, the modules they share split
// into chunks. Either way ~10 files instead of ~170 per kind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// CommonJS packages inside an ESM bundle call require() for Node built-ins.
const requireBanner = { js: "import { createRequire as __copperplateRequire } from 'node:module'; const require = __copperplateRequire(import.meta.url);" };

/**
 * This build's identity (src/core/content-cache.ts `BUILD_ID`): a hash of the sources and the
 * lock file, so cache entries a build derived from file contents are never read by another.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = fs.readdirSync(path.join(repo, 'src'), { recursive: true, encoding: 'utf8' }).sort();
  for (const f of [...files.map((f) => path.join('src', f)), 'package-lock.json']) {
    const abs = path.join(repo, f);
    if (fs.statSync(abs).isFile()) hash.update(`${f}\0`).update(fs.readFileSync(abs)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const common = {
  absWorkingDir: repo,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // ES module builds where a package has one (the AWS SDK): a dynamic import() of a CommonJS
  // package gives a chunk whose only export is `default`, not Node's named exports.
  mainFields: ['module', 'main'],
  chunkNames: 'chunk-[hash]',
  // .mjs: Node then knows the module format from the name, without looking for the nearest
  // package.json of each file (measurable when a kind's validator links dozens of chunks)
  outExtension: { '.js': '.mjs' },
  banner: requireBanner,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __COPPERPLATE_BUILD__: JSON.stringify(buildId()) },
};

export const cliBundle = {
  ...common,
  entryPoints: { copperplate: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  // One CommonJS file, run by src/cli/launch.ts with V8's compiled code of each command kept per
  // user (src/core/code-cache.ts): with that cache, what a command does not run costs only
  // reading its text, so nothing is split into chunks. dist/bundle/ is as deep as dist/<layer>/,
  // so every `new URL('../…', import.meta.url)` in the sources (schema data, package.json,
  // policy-entry.js, a worker next to it) resolves as it does from dist/.
  format: 'cjs',
  splitting: false,
  outExtension: { '.js': '.cjs' },
  banner: { js: "const __copperplateUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...common.define, 'import.meta.url': '__copperplateUrl' },
  // import() of a Node built-in in a package (the AWS SDK) as require: code run by vm.Script has
  // no module loader of its own, and lending it the main one prints an ExperimentalWarning
  supported: { 'dynamic-import': false },
  // Loaded at run time from node_modules: the kubernetes-models validators (by path, bundled
  // below), jiti (policies share the host's packages through it), handlebars, and ajv (CRDs,
  // schemaLocations, and a values schema not in the cache, whose cached code requires ajv's
  // runtime from the same copy).
  external: ['kubernetes-models', '@kubernetes-models/*', 'jiti', 'handlebars', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-formats/*'],
};

/** dist/bundle/launch.mjs: what bin/copperplate.js imports (node: modules only). */
export const launchBundle = {
  ...common,
  splitting: false,
  entryPoints: { launch: 'src/cli/launch.ts' },
  outdir: 'dist/bundle',
  banner: {},
};

/**
 * Worker threads are started by file name relative to the module that starts them
 * (`new URL('./policy-worker.js', import.meta.url)`): each `src/<layer>/<name>-worker.ts` is also
 * bundled on its own as dist/bundle/<name>-worker.js, next to the chunk that starts it.
 */
export const workerBundle = {
  ...common,
  splitting: false,
  entryPoints: Object.fromEntries(
    fs
      .readdirSync(path.join(repo, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /-worker\.ts$/.test(f))
      .map((f) => [path.basename(f, '.ts'), path.join('src', f)]),
  ),
  outdir: 'dist/bundle',
  outExtension: {},
  external: cliBundle.external,
};

/** Definition ids the schema validator may ask for (every built-in kind, and ObjectMeta). */
function validatorEntries() {
  const index = JSON.parse(fs.readFileSync(path.join(repo, 'schemas', 'k8s', 'index.json'), 'utf8'));
  // the files, as builtin-schemas.ts finds them (the packages export no _schemas/ paths)
  const modelsDir = path.dirname(createRequire(path.join(repo, 'package.json')).resolve('kubernetes-models/package.json'));
  const machineryDir = path.dirname(createRequire(path.join(modelsDir, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json'));
  const entries = {};
  for (const definition of new Set(Object.values(index.kinds).flatMap((byKind) => Object.values(byKind)))) {
    entries[definition] = path.join(modelsDir, '_schemas', `${definition}.js`);
  }
  entries.IoK8sApimachineryPkgApisMetaV1ObjectMeta = path.join(machineryDir, '_schemas', 'IoK8sApimachineryPkgApisMetaV1ObjectMeta.js');
  return entries;
}

/**
 * ajv-i18n (24 locales) is imported by @kubernetes-models/validate only to word the message of
 * its own `runValidateFunc`, which copperplate never calls: the validators alone need none of it.
 */
const withoutI18n = {
  name: 'without-ajv-i18n',
  setup(b) {
    b.onResolve({ filter: /^ajv-i18n$/ }, () => ({ path: 'ajv-i18n', namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'module.exports = { en() {} };', loader: 'js' }));
  },
};

/** In common.cjs (the file builtin-schemas.ts loads first). */
export const COMMON_DEFINITIONS = [
  'IoK8sApimachineryPkgApisMetaV1ObjectMeta',
  'IoK8sApiCoreV1Namespace',
  'IoK8sApiCoreV1ServiceAccount',
  'IoK8sApiCoreV1Secret',
  'IoK8sApiCoreV1ConfigMap',
  'IoK8sApiCoreV1Service',
  'IoK8sApiCoreV1PersistentVolumeClaim',
  'IoK8sApiAppsV1Deployment',
  'IoK8sApiAppsV1StatefulSet',
  'IoK8sApiAppsV1DaemonSet',
  'IoK8sApiBatchV1Job',
  'IoK8sApiBatchV1CronJob',
  'IoK8sApiAutoscalingV2HorizontalPodAutoscaler',
  'IoK8sApiNetworkingV1Ingress',
  'IoK8sApiNetworkingV1NetworkPolicy',
  'IoK8sApiPolicyV1PodDisruptionBudget',
  'IoK8sApiRbacV1Role',
  'IoK8sApiRbacV1RoleBinding',
  'IoK8sApiRbacV1ClusterRole',
  'IoK8sApiRbacV1ClusterRoleBinding',
];

const validatorCommon = {
  ...common,
  outdir: 'dist/k8s-validators',
  minify: true,
  plugins: [
    withoutI18n,
    {
      name: 'common-entry',
      setup(b) {
        const entries = validatorEntries();
        b.onResolve({ filter: /^common-validators$/ }, () => ({ path: 'common', namespace: 'common-validators' }));
        b.onLoad({ filter: /.*/, namespace: 'common-validators' }, () => ({
          contents: COMMON_DEFINITIONS.map((d) => `export { validate as ${d} } from ${JSON.stringify(entries[d])};`).join('\n'),
          resolveDir: repo,
          loader: 'js',
        }));
      },
    },
  ],
  // ajv-formats-draft2019 requires `punycode`, which Node resolves to its deprecated built-in
  // (DEP0040 on stderr once the code no longer lives in node_modules): the package it depends
  // on is the same code.
  alias: { punycode: 'punycode/' },
};

export const validatorBundles = [
  // CommonJS, so that src/core/code-cache.ts can run it with V8's compiled code kept per user
  { ...validatorCommon, entryPoints: { common: 'common-validators' }, splitting: false, format: 'cjs', outExtension: { '.js': '.cjs' }, banner: {} },
  {
    ...validatorCommon,
    plugins: [withoutI18n],
    entryPoints: Object.fromEntries(Object.entries(validatorEntries()).filter(([d]) => !COMMON_DEFINITIONS.includes(d))),
  },
];

/**
 * esbuild escapes what is not ASCII in strings but leaves it in comments and regular expression
 * literals. Escaped there too (`\uXXXX` means the same UTF-16 unit in both), the bundle is
 * ASCII, which src/core/code-cache.ts reads as Latin-1: decoding 2 MB as UTF-8 took 9 ms on
 * Node 20 and ~30 ms on Node 24 on every run.
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, 'utf8');
  const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== text) fs.writeFileSync(file, escaped);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const dir of ['dist/bundle', 'dist/k8s-validators']) fs.rmSync(path.join(repo, dir), { recursive: true, force: true });
  const bundles = [cliBundle, launchBundle, ...validatorBundles];
  if (Object.keys(workerBundle.entryPoints).length > 0) bundles.push(workerBundle);
  await Promise.all(bundles.map((options) => build(options)));
  asciiOnly(path.join(repo, 'dist', 'bundle', 'copperplate.cjs'));
}
