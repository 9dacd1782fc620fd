import { isDiagnosticCode } from '../core/diagnostic-code.js';
import { diagnostic, type Diagnostic, type Location } from '../core/diagnostic.js';
import { isRecord } from '../core/manifest.js';
import type { ProjectFs } from '../core/project-fs.js';
import type { SecretRefSpec } from '../core/secret-ref-spec.js';
import { SecretValue } from '../core/secret-value.js';
import { awskmsProvider } from './awskms-provider.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { envProvider } from './env-provider.js';
import { fileProvider } from './file-provider.js';
import { isSecretFetchError } from './secret-fetch-error.js';
import {
  isSecretProblem,
  type ParsedSecretRef,
  type SecretProblem,
  type SecretProvider,
  type SecretProviderContext,
} from './secret-provider.js';
import type { SecretsConfig } from './secrets-config.js';
import { sopsProvider } from './sops-provider.js';
import { vaultProvider } from './vault-provider.js';

export interface SecretRequest {
  formation: string;
  name: string;
  ref: SecretRefSpec;
  /** The formation file:line:column of the reference. */
  at?: Location;
  /** Only the reference's syntax and scheme are checked (a declared secret no stencil uses). */
  parseOnly?: boolean;
}

export interface ResolveSecretsOptions {
  /** `redact` contacts no backend and returns no values, only offline checks. */
  mode: 'resolve' | 'redact';
  projectRoot: string;
  fs: ProjectFs;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  config: SecretsConfig;
  /** Extra or replacement backends, matched by scheme. */
  providers?: readonly SecretProvider[];
  /** Per backend request; default 10000. */
  timeoutMs?: number;
  /** Extra attempts on network errors / 5xx; default 2. */
  retries?: number;
  /** Fetches in flight at once; default 8. */
  concurrency?: number;
  /** Base of the exponential backoff between retries; default 200. */
  retryDelayMs?: number;
}

export interface ResolveSecretsResult {
  /** Keyed by `secretKey(formation, name)`. */
  values: Map<string, SecretValue>;
  diagnostics: Diagnostic[];
}

export const builtinSecretProviders: readonly SecretProvider[] = [
  vaultProvider,
  awskmsProvider,
  sopsProvider,
  envProvider,
  fileProvider,
];

export function secretKey(formation: string, name: string): string {
  return JSON.stringify([formation, name]);
}

interface ParsedRequest {
  request: SecretRequest;
  provider: SecretProvider;
  ref: ParsedSecretRef;
}

type FetchOutcome = { ok: true; unit: unknown } | { ok: false; problem: SecretProblem };

/**
 * Checks (redact) or fetches (resolve) every reference. Every failure is a Diagnostic at the
 * reference's location naming formation, secret and reference, never the value. Each distinct
 * (backend, fetch key) is fetched once, at most `concurrency` at a time.
 */
export async function resolveSecrets(
  requests: readonly SecretRequest[],
  options: ResolveSecretsOptions,
): Promise<ResolveSecretsResult> {
  const providers = new Map<string, SecretProvider>();
  for (const p of [...builtinSecretProviders, ...(options.providers ?? [])]) providers.set(p.scheme, p);
  const cleanups: (() => void)[] = [];
  const ctx = providerContext(options, cleanups);
  try {
    return await run(requests, options, providers, ctx);
  } finally {
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // closing a client must not turn a finished run into a failure
      }
    }
  }
}

async function run(
  requests: readonly SecretRequest[],
  options: ResolveSecretsOptions,
  providers: ReadonlyMap<string, SecretProvider>,
  ctx: SecretProviderContext,
): Promise<ResolveSecretsResult> {
  const diagnostics: Diagnostic[] = [];
  const values = new Map<string, SecretValue>();
  const report = (request: SecretRequest, display: string | undefined, problem: SecretProblem): void => {
    const what = display === undefined ? `secret "${request.name}"` : `secret "${request.name}" (${display})`;
    // an embedder's provider may use codes of its own; users only ever see catalogued ones
    const code = problem.code;
    const known = isDiagnosticCode(code);
    const own = known || !/^[A-Za-z0-9_.-]{1,60}$/.test(code) ? '' : ` (${code})`;
    diagnostics.push(
      diagnostic(known ? code : 'SECRET_UNRESOLVED', `${what} of formation "${request.formation}": ${problem.message}${own}`, request.at, {
        formation: request.formation,
        hint: problem.hint,
      }),
    );
  };

  const parsed: ParsedRequest[] = [];
  for (const request of requests) {
    const result = parseRequest(request.ref, providers);
    if ('problem' in result) report(request, undefined, result.problem);
    else if (!request.parseOnly) parsed.push({ request, ...result });
  }

  if (options.mode === 'redact') {
    const problems = await Promise.all(
      parsed.map(async ({ provider, ref }) => (provider.check ? safeCall(() => provider.check!(ref, ctx)) : undefined)),
    );
    parsed.forEach((p, i) => {
      const problem = problems[i];
      if (problem) report(p.request, p.ref.display, problem);
    });
    return { values, diagnostics };
  }

  const limit = concurrencyLimit(positive(options.concurrency, 8, 1));
  const fetches = new Map<string, Promise<FetchOutcome>>();
  for (const { provider, ref } of parsed) {
    const key = `${provider.scheme}\u0000${ref.fetchKey}`;
    if (fetches.has(key)) continue;
    fetches.set(
      key,
      limit(() => provider.fetch(ref, ctx)).then(
        (unit): FetchOutcome => ({ ok: true, unit }),
        (error: unknown): FetchOutcome => ({ ok: false, problem: problemFromError(error) }),
      ),
    );
  }
  for (const { request, provider, ref } of parsed) {
    const outcome = await fetches.get(`${provider.scheme}\u0000${ref.fetchKey}`)!;
    if (!outcome.ok) {
      report(request, ref.display, outcome.problem);
      continue;
    }
    let picked: string | SecretProblem;
    try {
      picked = provider.select(outcome.unit, ref);
    } catch (error) {
      picked = problemFromError(error);
    }
    if (typeof picked === 'string') values.set(secretKey(request.formation, request.name), new SecretValue(picked, [request.name]));
    else report(request, ref.display, picked);
  }
  return { values, diagnostics };
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/;

function parseRequest(
  spec: SecretRefSpec,
  providers: ReadonlyMap<string, SecretProvider>,
): { provider: SecretProvider; ref: ParsedSecretRef } | { problem: SecretProblem } {
  const hint = `the schemes are ${[...providers.keys()].map((s) => `${s}:`).join(', ')} (object form: { <scheme>: …, … })`;
  // The text is never echoed: a value pasted where a reference belongs is itself a secret.
  const problem = (code: 'SECRET_REF_SYNTAX' | 'SECRET_SCHEME_UNKNOWN', message: string) => ({ problem: { code, message, hint } });
  let provider: SecretProvider | undefined;
  let body: string | Readonly<Record<string, unknown>>;
  if (typeof spec === 'string') {
    const m = SCHEME.exec(spec);
    if (!m) return problem('SECRET_REF_SYNTAX', 'not a secret reference: expected <scheme>:<reference>');
    provider = providers.get(m[1]!);
    if (!provider) return problem('SECRET_SCHEME_UNKNOWN', 'no secret provider handles the scheme of this reference');
    body = spec.slice(m[0].length);
  } else if (isRecord(spec)) {
    const keys = Object.keys(spec).filter((k) => providers.has(k));
    if (keys.length > 1) return problem('SECRET_REF_SYNTAX', `the object form names one scheme, not ${keys.length} (${keys.join(', ')})`);
    provider = providers.get(keys[0] ?? '');
    if (!provider) return problem('SECRET_SCHEME_UNKNOWN', 'no key of this object form names a secret provider');
    body = spec;
  } else {
    return problem('SECRET_REF_SYNTAX', 'not a secret reference: expected <scheme>:<reference> or { <scheme>: …, … }');
  }
  let ref: ParsedSecretRef | SecretProblem;
  try {
    ref = provider.parse(body);
  } catch (error) {
    return { problem: problemFromError(error) };
  }
  if (isSecretProblem(ref)) return { problem: ref };
  return { provider, ref };
}

async function safeCall(fn: () => Promise<SecretProblem | undefined>): Promise<SecretProblem | undefined> {
  try {
    return await fn();
  } catch (error) {
    return problemFromError(error);
  }
}

/** Only SecretFetchError messages are trusted; anything else is reported by its name. */
export function problemFromError(error: unknown): SecretProblem {
  if (isSecretFetchError(error)) {
    const problem: SecretProblem = { code: error.code, message: error.message };
    if (error.hint !== undefined) problem.hint = error.hint;
    return problem;
  }
  const name = error instanceof Error && /^[A-Za-z0-9_.]{1,60}$/.test(error.name) ? error.name : 'unknown error';
  return { code: 'SECRET_UNRESOLVED', message: `the backend failed (${name})` };
}

function providerContext(options: ResolveSecretsOptions, cleanups: (() => void)[]): SecretProviderContext {
  const memos = new Map<string, Promise<unknown>>();
  return {
    atEnd(cleanup) {
      cleanups.push(cleanup);
    },
    projectRoot: options.projectRoot,
    fs: options.fs,
    env: options.env,
    homeDir: options.homeDir,
    config: options.config,
    timeoutMs: positive(options.timeoutMs, 10_000, 1),
    retries: positive(options.retries, 2, 0),
    retryDelayMs: positive(options.retryDelayMs, 200, 0),
    memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
      let p = memos.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fn();
        // Rejections are observed by every caller; this keeps an unawaited one from crashing.
        p.catch(() => undefined);
        memos.set(key, p);
      }
      return p;
    },
  };
}

function positive(value: number | undefined, fallback: number, min: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.max(min, Math.floor(value));
}
