/**
 * Where copperplate's built-in policies are documented: docs/builtin-policies.md in the
 * repository (package.json `repository`), where every built-in id, and `schema`, is an anchor.
 * Reports link each finding of a built-in there (SARIF `helpUri`, the html page).
 */
export const BUILTIN_POLICIES_DOC = 'https://github.com/copperplate-dev/copperplate/blob/main/docs/builtin-policies.md';

/** The documentation of built-in policy `id`: its anchor in docs/builtin-policies.md. */
export function builtinPolicyDocs(id: string): string {
  return `${BUILTIN_POLICIES_DOC}#${id}`;
}
