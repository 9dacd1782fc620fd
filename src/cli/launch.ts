import module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheFile, runCachedScript } from '../core/code-cache.js';
import { userCacheDir } from '../core/user-cache-dir.js';

/**
 * What bin/copperplate.js runs: the CLI bundle (scripts/build-bundle.mjs), one CommonJS file,
 * with V8's compiled code of each command kept in the per-user cache (`runCachedScript`,
 * written when the command's first run exits). Compiling the code a command runs was a third
 * of a cold `precommit`, and Node's own compile cache keeps only what is compiled before a
 * module runs.
 */
export async function launch(bundle: URL): Promise<void> {
  const cacheDir = userCacheDir(process.env, os.homedir());
  // Node ≥ 22.1: the packages loaded from node_modules (ajv's runtime, re2js, handlebars) and
  // the policy worker's, in the same per-user cache unless NODE_COMPILE_CACHE says otherwise
  const compileCache = process.env['NODE_COMPILE_CACHE'] || (cacheDir === undefined ? undefined : path.join(cacheDir, 'node-compile-cache'));
  (module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache?.(compileCache);
  const command = process.argv[2];
  const name = command !== undefined && /^[a-z][a-z-]{0,23}$/.test(command) ? command : 'other';
  const script = runCachedScript(fileURLToPath(bundle), cacheDir === undefined ? undefined : codeCacheFile(cacheDir, `cli-${name}`));
  process.once('exit', () => script.save());
  await (script.exports as { main(): Promise<void> }).main();
}
