import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, type Diagnostic, type Location } from '../core/diagnostic.js';
import { isRecord } from '../core/manifest.js';
import { SourceText } from '../core/source-text.js';
import type { KubernetesResource, Policy } from './define-policy.js';
import type { LoadedPolicy } from './loaded-policy.js';
import { policyShapeProblems } from './policy-shape.js';

export interface LoadPoliciesOptions {
  projectRoot: string;
  /** Reads a policy file's text for positions in diagnostics; default: node fs. */
  readFile?: (absPath: string) => string | undefined;
  /**
   * Directory for jiti's transpile cache (entries are keyed by the source's hash, so an edited
   * policy is never served stale). Default: no cache. The CLI passes its per-user cache
   * directory: transpiling TypeScript is most of a cold run's time.
   */
  cacheDir?: string;
}

/** Ids of findings copperplate makes itself (schema validation is policy `schema`). */
const RESERVED_IDS: ReadonlySet<string> = new Set(['schema']);

type Importer = (absPath: string) => Promise<unknown>;

/**
 * Loads project policy files (.ts, .js, .mjs) at run time with jiti: no build step, on every
 * supported Node version. `copperplate/policy` is aliased to this copy of copperplate, so
 * policies work in repositories that do not install copperplate themselves.
 */
export async function loadPolicies(
  files: readonly string[],
  options: LoadPoliciesOptions,
): Promise<{ policies: LoadedPolicy[]; diagnostics: Diagnostic[] }> {
  const policies: LoadedPolicy[] = [];
  const diagnostics: Diagnostic[] = [];
  if (files.length === 0) return { policies, diagnostics };
  const importer = await createImporter(options.cacheDir);
  const read = options.readFile ?? readText;
  const ordered = [...new Set(files)]
    .map((abs) => ({ abs, rel: relativePath(options.projectRoot, abs) }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const seen = new Map<string, string>();
  for (const { abs, rel } of ordered) {
    const text = read(abs);
    const source = new SourceText(rel, text ?? '');
    let mod: unknown;
    try {
      mod = await importer(abs);
    } catch (err) {
      diagnostics.push(loadError(err, abs, source));
      continue;
    }
    const exported = isRecord(mod) && 'default' in mod ? mod['default'] : mod;
    const list = Array.isArray(exported) ? exported : [exported];
    if (list.length === 0) {
      diagnostics.push(
        diagnostic('POLICY_INVALID_EXPORT', `${rel} default-exports an empty array: no policies`, exportLocation(source), { severity: 'warning' }),
      );
    }
    list.forEach((candidate: unknown, i) => {
      const problems = policyShapeProblems(candidate);
      const which = Array.isArray(exported) ? `policy [${i}] of the default export` : 'the default export';
      const id = isRecord(candidate) && typeof candidate['id'] === 'string' ? candidate['id'] : undefined;
      const at = (id !== undefined ? idLocation(source, id) : undefined) ?? exportLocation(source);
      if (problems.length > 0) {
        diagnostics.push(
          diagnostic('POLICY_INVALID_EXPORT', `${which} of ${rel} is not a valid policy: ${problems.join('; ')}`, at, {
            hint: "default-export definePolicy({ id, title, severity, check }) from 'copperplate/policy', or an array of them",
          }),
        );
        return;
      }
      const policy = candidate as unknown as Policy<KubernetesResource>;
      if (RESERVED_IDS.has(policy.id)) {
        diagnostics.push(
          diagnostic('POLICY_INVALID_EXPORT', `policy id "${policy.id}" is reserved for copperplate's own findings`, at, {
            hint: 'choose another id',
          }),
        );
        return;
      }
      const first = seen.get(policy.id);
      if (first !== undefined) {
        diagnostics.push(
          diagnostic('POLICY_DUPLICATE_ID', `policy id "${policy.id}" is already defined in ${first}`, at, {
            hint: 'policy ids must be unique among project policies',
          }),
        );
        return;
      }
      seen.set(policy.id, rel);
      policies.push(loaded(policy, rel));
    });
  }
  return { policies, diagnostics };
}

/** Copies the fields a runner uses, so later changes to the module's object do not leak in. */
function loaded(policy: Policy<KubernetesResource>, file: string): LoadedPolicy {
  const p: LoadedPolicy = {
    id: policy.id,
    title: policy.title,
    severity: policy.severity,
    check: policy.check.bind(policy),
    file,
    builtin: false,
  };
  if (policy.remediation !== undefined) p.remediation = policy.remediation;
  if (policy.description !== undefined) p.description = policy.description;
  if (policy.match !== undefined) p.match = policy.match;
  if (policy.timeoutMs !== undefined) p.timeoutMs = policy.timeoutMs;
  return p;
}

async function createImporter(cacheDir: string | undefined): Promise<Importer> {
  // Loaded lazily: a project without policy files never pays for jiti. Through require, not
  // import(): importing its CommonJS build from ESM makes Node lex all 190 kB of it for named
  // exports first, which doubles the load time of every pre-commit run with policies.
  const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti');
  const jiti = createJiti(import.meta.url, {
    alias: { 'copperplate/policy': policyEntryPath() },
    // No cache files in the user's repository unless the caller names a directory; edited
    // policies are re-read on every load either way.
    fsCache: cacheDir ?? false,
    moduleCache: false,
  });
  return (abs) => jiti.import(abs);
}

/** This copy's `copperplate/policy` module: `.js` when running from dist, `.ts` from source. */
export function policyEntryPath(): string {
  const js = fileURLToPath(new URL('../policy-entry.js', import.meta.url));
  if (existsSync(js)) return js;
  const ts = fileURLToPath(new URL('../policy-entry.ts', import.meta.url));
  return existsSync(ts) ? ts : js;
}

function loadError(err: unknown, abs: string, source: SourceText): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = (message.split('\n')[0] ?? '').replace(/^Error:\s*/, '').trim();
  // An unresolvable import points at its specifier; anything else at the reported position.
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  const at: Location | undefined =
    (missing !== undefined ? (textLocation(source, `'${missing}'`) ?? textLocation(source, `"${missing}"`)) : undefined) ??
    positionIn(message, abs, source.file) ??
    positionIn(err instanceof Error ? (err.stack ?? '') : '', abs, source.file);
  const text = firstLine.replaceAll(abs, source.file).replace(/\s+\S*:\d+:\d+$/, '').trim();
  return diagnostic('POLICY_LOAD_ERROR', `cannot load policy file ${source.file}: ${text}`, at ?? { file: source.file, line: 1, column: 1 });
}

/** `…/policies/x.ts:5:19` in an error message or stack, as a location in that file. */
function positionIn(text: string, abs: string, rel: string): Location | undefined {
  const escaped = abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(text);
  if (!m) return undefined;
  return { file: rel, line: Number(m[1]), column: Number(m[2]) };
}

function textLocation(source: SourceText, needle: string): Location | undefined {
  const offset = source.text.indexOf(needle);
  return offset === -1 ? undefined : source.location(offset);
}

function exportLocation(source: SourceText): Location {
  const m = /export\s+default\b|module\.exports\b/.exec(source.text);
  return source.location(m ? m.index : 0);
}

/** The `id: 'x'` of a policy in its file, so diagnostics point at the policy they are about. */
function idLocation(source: SourceText, id: string): Location | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\bid\\s*:\\s*(['"\`])${escaped}\\1`).exec(source.text);
  return m ? source.location(m.index) : undefined;
}

function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

function readText(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
