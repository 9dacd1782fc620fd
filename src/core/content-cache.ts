import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * The build of copperplate that is running, set by scripts/build-bundle.mjs (a hash of the
 * sources and the lock file); undefined in the unbundled library and in the sources.
 */
declare const __COPPERPLATE_BUILD__: string | undefined;
export const BUILD_ID: string | undefined = typeof __COPPERPLATE_BUILD__ === 'string' ? __COPPERPLATE_BUILD__ : undefined;

/**
 * Work derived from a file's content, kept between runs in the per-user cache directory. An
 * entry is named by a hash of everything its value depends on, so an edited input or another
 * build never reads a stale one. Reading and writing are best effort: an entry that is missing,
 * unreadable or corrupt costs the next run the work, nothing else.
 */
export class ContentCache {
  constructor(
    readonly dir: string,
    /** What `memo` keys its entries by; without it `memo` only computes. */
    private readonly buildId: string | undefined = BUILD_ID,
  ) {}

  /** The file of the entry for `kind` and `parts` (JSON data). */
  entry(kind: string, parts: readonly unknown[]): string {
    const key = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    return join(this.dir, kind, key.slice(0, 32));
  }

  read(file: string): Buffer | undefined {
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  }

  /** Written under a temporary name and renamed, so a concurrent run never reads half of it. */
  write(file: string, data: () => string | Uint8Array): void {
    try {
      const bytes = data();
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${randomUUID()}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    } catch {
      // not cached
    }
  }

  /**
   * `compute()`'s value for this input, from the cache when this build stored it before. Only
   * for a build that knows its identity (the bundled CLI): unbundled code may change under the
   * same version. Values are V8 structured-clone data (Map and Set included, no class instances).
   */
  memo<T>(kind: string, parts: readonly unknown[], compute: () => T): T {
    if (this.buildId === undefined) return compute();
    const file = this.entry(kind, [this.buildId, ...parts]);
    const hit = this.read(file);
    if (hit !== undefined) {
      try {
        return deserialize(hit) as T;
      } catch {
        // corrupt: computed again and replaced
      }
    }
    const value = compute();
    this.write(file, () => serialize(value));
    return value;
  }
}
