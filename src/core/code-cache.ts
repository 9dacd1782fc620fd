import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { arch, versions } from 'node:process';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { ContentCache } from './content-cache.js';

/**
 * A CommonJS file run with V8's compiled code kept between runs. Node's own compile cache
 * (`module.enableCompileCache()`, Node ≥ 22.1 only) stores a module's code as compiled before
 * it runs: every function compiled later, on its first call (most of them: V8 compiles lazily),
 * is compiled again by every process. This cache is taken after the code ran, so the next
 * process compiles nothing it needs again, on Node 20 too. For large generated code (the
 * Kubernetes validators: ~0.7 MB) that is most of a cold command's time.
 */
export interface CachedScript {
  /** `module.exports` of the file. */
  readonly exports: unknown;
  /** The tags stored with the cache this process used (empty when there was none). */
  readonly covered: ReadonlySet<string>;
  /**
   * Stores what V8 has compiled so far, with `tags` (what the caller ran: the next process
   * knows what the cache holds), unless the cache this process used already had all of it.
   * Best effort, like every per-user cache.
   */
  save(tags?: Iterable<string>): void;
}

const MAGIC = 'copperplate-v8-code\n';

interface Header {
  source: number;
  length: number;
  data: number;
  tags: string[];
}

/**
 * Runs `file` (CommonJS) with the code cache at `cacheFile`, or plainly with `require` when
 * `cacheFile` is undefined. The cache is used only for the same source (length and CRC-32),
 * uncorrupted (CRC-32 of the data) and accepted by this V8 (its version and flags); otherwise
 * the file is compiled as usual and `save` replaces the cache. The file uses no `import()`:
 * code run this way has no module loader (scripts/build-bundle.mjs turns it into `require`).
 */
export function runCachedScript(file: string, cacheFile: string | undefined): CachedScript {
  const requireHere = createRequire(file);
  if (cacheFile === undefined) return { exports: requireHere(file), covered: new Set(), save() {} };
  const bytes = readFileSync(file);
  // ASCII text (the bundles are) decoded as Latin-1 is the same string, several times faster
  // than UTF-8 decoding 2 MB
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const sourceCrc = crc32(bytes);
  const cached = readCache(cacheFile, sourceCrc, bytes.length);
  // the wrapper Node's CommonJS loader uses; a code cache is tied to the exact text compiled
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(cached ? { cachedData: cached.data } : {}),
  });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireHere, module, file, path.dirname(file));
  // whether the cache file holds what this process compiled, `covered` included
  let current = cached !== undefined && script.cachedDataRejected !== true;
  const covered = new Set(current ? cached?.tags : []);
  return {
    exports: module.exports,
    covered,
    save(tags = []) {
      const all = new Set([...covered, ...tags]);
      if (current && all.size === covered.size) return;
      current = true;
      new ContentCache(path.dirname(cacheFile)).write(cacheFile, () => {
        const data = script.createCachedData();
        const header: Header = { source: sourceCrc, length: bytes.length, data: crc32(data), tags: [...all].sort() };
        return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), data]);
      });
      for (const t of all) covered.add(t);
    },
  };
}

/** The cache file of `name` for this V8 and architecture, in `dir` (the per-user cache). */
export function codeCacheFile(dir: string, name: string): string {
  return path.join(dir, 'v8', `${name}-${versions.v8}-${arch}`);
}

function readCache(cacheFile: string, sourceCrc: number, length: number): { data: Buffer; tags: string[] } | undefined {
  const bytes = new ContentCache(path.dirname(cacheFile)).read(cacheFile);
  if (bytes === undefined || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
  const end = bytes.indexOf(0x0a, MAGIC.length);
  if (end < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  const data = bytes.subarray(end + 1);
  if (header.source !== sourceCrc || header.length !== length || header.data !== crc32(data) || !Array.isArray(header.tags)) return undefined;
  return { data, tags: header.tags.filter((t) => typeof t === 'string') };
}
