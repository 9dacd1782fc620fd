import * as path from 'node:path';
import { readProjectFile } from '../core/project-file.js';
import { expandPath } from './local-file.js';
import { SecretFetchError } from './secret-fetch-error.js';
import type { ParsedSecretRef, SecretProblem, SecretProvider, SecretProviderContext } from './secret-provider.js';
import { toSecretString } from './secret-string.js';
import { sopsDataKey } from './sops-data-key.js';
import { decryptSopsDocument } from './sops-decrypt.js';
import { parseSopsFile, sopsFormatOf, type SopsDocument } from './sops-file.js';
import { isSopsMap, keysNear, lookupSopsPath, parseDottedPath, type SopsMap, type SopsTree } from './sops-tree.js';

interface SopsRef extends ParsedSecretRef {
  /** As written (project-relative). */
  readonly file: string;
  readonly segments: readonly string[];
}

/**
 * `sops:<file>#<dotted.path>`. Redact mode checks the file and the path without a key: sops
 * leaves key names in plaintext.
 */
export const sopsProvider: SecretProvider<SopsRef, SopsMap> = {
  scheme: 'sops',
  parse(body): SopsRef | SecretProblem {
    const hash = typeof body === 'string' ? body.indexOf('#') : -1;
    const file = typeof body === 'string' ? body.slice(0, hash) : '';
    const segments = typeof body === 'string' && hash > 0 ? parseDottedPath(body.slice(hash + 1)) : undefined;
    if (typeof body !== 'string' || hash <= 0 || !segments || /\s/.test(file)) {
      return {
        code: 'SECRET_REF_SYNTAX',
        message: 'malformed sops: reference',
        hint: 'write sops:<file relative to the project>#<dotted.path>, e.g. sops:secrets/prod.enc.yaml#db.password',
      };
    }
    return { display: `sops:${file}#${segments.join('.')}`, fetchKey: path.posix.normalize(file), file, segments };
  },
  async check(ref, ctx) {
    let doc: SopsDocument;
    try {
      doc = await loadSopsDocument(ref, ctx);
    } catch (error) {
      if (error instanceof SecretFetchError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
      throw error;
    }
    return pathProblem(doc.data, ref);
  },
  async fetch(ref, ctx) {
    const doc = await loadSopsDocument(ref, ctx);
    const key = await sopsDataKey(doc, ctx, ref.file);
    return decryptSopsDocument(doc, key, ref.file);
  },
  select(unit, ref) {
    const problem = pathProblem(unit, ref);
    if (problem) return problem;
    const value = toSecretString(lookupSopsPath(unit, ref.segments));
    return value ?? { code: 'SECRET_TYPE', message: `${ref.file}: value at ${ref.segments.join('.')} is not a string` };
  },
};

function loadSopsDocument(ref: SopsRef, ctx: SecretProviderContext): Promise<SopsDocument> {
  const abs = expandPath(ref.file, ctx.projectRoot, ctx.homeDir);
  return ctx.memo(`sops:doc:${abs}`, async () => {
    const read = readProjectFile(ctx.fs, ctx.projectRoot, abs, { display: `sops file ${ref.file}`, allowOutside: ctx.config.allowOutsidePaths ?? [] });
    if (!read.ok) throw new SecretFetchError(read.missing ? 'SOPS_FILE_MISSING' : read.code, read.message);
    return parseSopsFile(read.text, sopsFormatOf(ref.file), ref.file);
  });
}

function pathProblem(tree: SopsTree, ref: SopsRef): SecretProblem | undefined {
  const node = lookupSopsPath(tree, ref.segments);
  const where = ref.segments.join('.');
  if (node === undefined) {
    const near = keysNear(tree, ref.segments);
    return {
      code: 'SECRET_NOT_FOUND',
      message: `${ref.file} has no value at ${where}`,
      ...(near.length > 0 ? { hint: `keys there: ${near.join(', ')}` } : {}),
    };
  }
  if (isSopsMap(node) || Array.isArray(node)) {
    return { code: 'SECRET_TYPE', message: `${ref.file}: ${where} is a ${isSopsMap(node) ? 'mapping' : 'list'}, not a string` };
  }
  return undefined;
}
