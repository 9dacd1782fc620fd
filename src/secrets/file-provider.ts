import { readProjectFile } from '../core/project-file.js';
import { expandPath } from './local-file.js';
import { SecretFetchError } from './secret-fetch-error.js';
import type { ParsedSecretRef, SecretProblem, SecretProvider } from './secret-provider.js';

interface FileRef extends ParsedSecretRef {
  readonly path: string;
}

/**
 * `file:<path>`: a file the CI job provides (relative to the project root, `~` = home). One
 * trailing newline is dropped, as `echo value > file` adds it and no secret needs it.
 */
export const fileProvider: SecretProvider<FileRef, string> = {
  scheme: 'file',
  parse(body): FileRef | SecretProblem {
    if (typeof body !== 'string' || body.trim() === '' || body !== body.trim()) {
      return { code: 'SECRET_REF_SYNTAX', message: 'file: needs a path', hint: 'write file:<path>' };
    }
    return { display: `file:${body}`, fetchKey: body, path: body };
  },
  fetch(ref, ctx) {
    const read = readProjectFile(ctx.fs, ctx.projectRoot, expandPath(ref.path, ctx.projectRoot, ctx.homeDir), {
      display: `file ${ref.path}`,
      allowOutside: ctx.config.allowOutsidePaths ?? [],
    });
    if (!read.ok) return Promise.reject(new SecretFetchError(read.missing ? 'SECRET_NOT_FOUND' : read.code, read.message));
    return Promise.resolve(read.text.replace(/\r?\n$/, ''));
  },
  select: (unit) => unit,
};
