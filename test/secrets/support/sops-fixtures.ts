import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real-sops test vectors (see test/fixtures/secrets/README.md). */
export const sopsVectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/secrets/sops-age');

export function readVector(name: string): string {
  return readFileSync(path.join(sopsVectorsDir, name), 'utf8');
}

/** The age identity of the vectors (a public test key). */
export const vectorAgeKey = readVector('key.txt')
  .split('\n')
  .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;

/** The vectors built by test/fixtures/secrets/sops-constructed/make-vectors.py. */
export const constructedVectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/secrets/sops-constructed');

export function readConstructedVector(name: string): string {
  return readFileSync(path.join(constructedVectorsDir, name), 'utf8');
}
