import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** This package's version (src/ and dist/ sit at the same depth below package.json). */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
