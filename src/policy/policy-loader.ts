import { readFileSync } from 'node:fs';
import { diagnostic, type Diagnostic, type Location } from '../core/diagnostic.js';
import { relativePath } from '../core/project-fs.js';
import { maskAndClip } from '../core/secret-value.js';
import { SourceText } from '../core/source-text.js';
import type { IsolatedPolicy } from './loaded-policy.js';
import type { ErrorInfo } from './policy-protocol.js';
import { PolicySandbox, policyEntryPath } from './policy-sandbox.js';
import { POLICY_LOAD_TIMEOUT_MS } from './policy-timeout.js';

export { policyEntryPath };

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
  /** Time limit for loading one file (transpiling it and running its top-level code), default 10 s. */
  timeoutMs?: number;
  /** Secret values no message may show (a load error is text a policy file controls). */
  mask?: readonly string[];
  /** A sandbox already started (so that its worker loads while the caller renders). */
  sandbox?: PolicySandbox;
}

export interface LoadedPolicies {
  policies: IsolatedPolicy[];
  diagnostics: Diagnostic[];
  /** Stops the worker; returns what the policies wrote to the console (unmasked). */
  close: () => Promise<{ output: string; truncated: boolean }>;
}

/** Ids of findings copperplate makes itself (schema validation is policy `schema`). */
const RESERVED_IDS: ReadonlySet<string> = new Set(['schema']);

/**
 * Loads project policy files (.ts, .js, .mjs) in the policy worker (see PolicySandbox) with
 * jiti: no build step, on every supported Node version; `copperplate/policy` is aliased to this
 * copy of copperplate, so policies work in repositories that do not install copperplate
 * themselves. A file whose top-level code runs past the time limit is a `POLICY_ERROR`.
 */
export async function loadPolicies(files: readonly string[], options: LoadPoliciesOptions): Promise<LoadedPolicies> {
  const sandbox = options.sandbox ?? new PolicySandbox(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
  const policies: IsolatedPolicy[] = [];
  const diagnostics: Diagnostic[] = [];
  const close = () => sandbox.close();
  if (files.length === 0) return { policies, diagnostics, close };
  const read = options.readFile ?? readText;
  const mask = (text: string): string => maskAndClip(text, options.mask ?? []);
  const timeoutMs = options.timeoutMs ?? POLICY_LOAD_TIMEOUT_MS;
  const ordered = [...new Set(files)]
    .map((abs) => ({ abs, rel: relativePath(options.projectRoot, abs) }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const seen = new Map<string, string>();
  for (const { abs, rel } of ordered) {
    const source = new SourceText(rel, read(abs) ?? '');
    const answer = await sandbox.load(abs, timeoutMs);
    if (answer.kind !== 'done') {
      diagnostics.push(
        diagnostic(
          'POLICY_ERROR',
          answer.kind === 'timeout'
            ? `policy file ${rel} did not finish loading within ${timeoutMs} ms (its top-level code runs too long)`
            : `policy file ${rel} ended the policy worker while loading (exit code ${answer.exitCode})`,
          { file: rel, line: 1, column: 1 },
          { hint: 'a policy file should only define policies when it is loaded' },
        ),
      );
      continue;
    }
    const { reply } = answer;
    if (reply.error) {
      diagnostics.push(loadError(reply.error, abs, source, mask));
      continue;
    }
    if (reply.candidates.length === 0) {
      diagnostics.push(
        diagnostic('POLICY_INVALID_EXPORT', `${rel} default-exports an empty array: no policies`, exportLocation(source), { severity: 'warning' }),
      );
    }
    reply.candidates.forEach((candidate, i) => {
      const which = reply.array ? `policy [${i}] of the default export` : 'the default export';
      const at = (candidate.id !== undefined ? idLocation(source, candidate.id) : undefined) ?? exportLocation(source);
      if (candidate.problems.length > 0 || !candidate.info || candidate.index === undefined) {
        diagnostics.push(
          diagnostic('POLICY_INVALID_EXPORT', mask(`${which} of ${rel} is not a valid policy: ${candidate.problems.join('; ')}`), at, {
            hint: "default-export definePolicy({ id, title, severity, check }) from 'copperplate/policy', or an array of them",
          }),
        );
        return;
      }
      const { info } = candidate;
      if (RESERVED_IDS.has(info.id)) {
        diagnostics.push(diagnostic('POLICY_INVALID_EXPORT', `policy id "${info.id}" is reserved for copperplate's own findings`, at, { hint: 'choose another id' }));
        return;
      }
      const first = seen.get(info.id);
      if (first !== undefined) {
        diagnostics.push(
          diagnostic('POLICY_DUPLICATE_ID', mask(`policy id "${info.id}" is already defined in ${first}`), at, { hint: 'policy ids must be unique among project policies' }),
        );
        return;
      }
      seen.set(info.id, rel);
      policies.push({ ...info, file: rel, builtin: false, isolated: { sandbox, index: candidate.index } });
    });
  }
  return { policies, diagnostics, close };
}

function loadError(error: ErrorInfo, abs: string, source: SourceText, mask: (text: string) => string): Diagnostic {
  const message = error.text;
  const firstLine = (message.split('\n')[0] ?? '').replace(/^Error:\s*/, '').trim();
  // An unresolvable import points at its specifier; anything else at the reported position.
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  const at: Location | undefined =
    (missing !== undefined ? (textLocation(source, `'${missing}'`) ?? textLocation(source, `"${missing}"`)) : undefined) ??
    positionIn(message, abs, source.file) ??
    positionIn(error.stack ?? '', abs, source.file);
  const text = firstLine.replaceAll(abs, source.file).replace(/\s+\S*:\d+:\d+$/, '').trim();
  return diagnostic('POLICY_LOAD_ERROR', mask(`cannot load policy file ${source.file}: ${text}`), at ?? { file: source.file, line: 1, column: 1 });
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

function readText(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
