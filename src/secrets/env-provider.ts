import { SecretFetchError } from './secret-fetch-error.js';
import type { ParsedSecretRef, SecretProblem, SecretProvider } from './secret-provider.js';

interface EnvRef extends ParsedSecretRef {
  readonly variable: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `env:<NAME>`: a value the CI job provides in its environment. */
export const envProvider: SecretProvider<EnvRef, string> = {
  scheme: 'env',
  parse(body): EnvRef | SecretProblem {
    if (typeof body !== 'string' || !NAME.test(body)) {
      return { code: 'SECRET_REF_SYNTAX', message: 'env: needs a variable name', hint: 'write env:NAME (letters, digits, _)' };
    }
    return { display: `env:${body}`, fetchKey: body, variable: body };
  },
  fetch(ref, ctx) {
    const value = ctx.env[ref.variable];
    if (value === undefined) {
      return Promise.reject(new SecretFetchError('SECRET_NOT_FOUND', `environment variable ${ref.variable} is not set`));
    }
    return Promise.resolve(value);
  },
  select: (unit) => unit,
};
