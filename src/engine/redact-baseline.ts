import { isRecord, resourceId, resourceKey, type Manifest } from '../core/manifest.js';
import { isNamedList } from '../core/resource-diff.js';
import { SECRET_MASK, secretStandIn } from '../core/secret-value.js';

/**
 * The baseline as policies and `diff` may see it. A `--baseline-dir` is often what a deploy
 * job wrote with `render --out`, so it holds resolved secrets where today's (redacted) render
 * holds stand-ins. Wherever the current side has a stand-in, the baseline's string there is
 * replaced: by the current string when it matches it with the stand-ins as wildcards (the
 * same up to the secret, which redact mode cannot compare anyway), else by the mask. Pairing
 * follows the semantic diff: resources by id, mappings by key, lists of named items by name.
 * Without `secretNames`, the stand-ins found in `current` name them. A Secret's `data` and
 * `stringData` are secret whatever filled them: each baseline value there that is not today's
 * value at the same key is masked, removed keys and removed Secrets included. (A directory
 * written by `render --out` is read through its redacted copy, which needs none of this: see
 * redacted-copy.ts.)
 */
export function redactBaseline(current: readonly Manifest[], baseline: readonly Manifest[], secretNames?: Iterable<string>): Manifest[] {
  const standIns = [...(secretNames ?? standInNames(current))].map(secretStandIn);
  const byKey = new Map<string, Manifest>();
  for (const m of current) {
    const key = resourceKey(resourceId(m.object));
    if (!byKey.has(key)) byKey.set(key, m);
  }
  return baseline.map((old) => {
    const now = byKey.get(resourceKey(resourceId(old.object)));
    let object = now && standIns.length > 0 ? (redact(old.object, now.object, standIns) as Record<string, unknown>) : old.object;
    if (object['kind'] === 'Secret') object = maskSecretData(object, now?.object);
    return object === old.object ? old : { ...old, object };
  });
}

/** `data`/`stringData` values of a Secret that differ from today's at the same key, masked. */
function maskSecretData(old: Record<string, unknown>, now: Record<string, unknown> | undefined): Record<string, unknown> {
  let out = old;
  for (const field of ['data', 'stringData']) {
    const values = old[field];
    if (!isRecord(values)) continue;
    const current = now && isRecord(now[field]) ? now[field] : {};
    const masked = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Object.hasOwn(current, k) && current[k] === v ? v : SECRET_MASK]));
    out = { ...out, [field]: masked };
  }
  return out;
}

/**
 * Names of the stand-ins in `manifests`: what `validate` knows of secrets, since its input
 * was rendered elsewhere (e.g. `render --secrets redact`).
 */
export function standInNames(manifests: readonly Manifest[]): Set<string> {
  // `secretStandIn(name)`, for names as formations allow them (a literal here, not at module
  // level, so that a mutation run can tell whether the tests pin it)
  const standIn = /\(secret:([A-Za-z_][A-Za-z0-9_-]*)\)/g;
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(standIn)) names.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) Object.values(v).forEach(walk);
  };
  for (const m of manifests) walk(m.object);
  return names;
}

/** `old` with the secrets that `now` shows as stand-ins hidden; without a `now`, `old` itself. */
function redact(old: unknown, now: unknown, standIns: readonly string[]): unknown {
  if (typeof now === 'string') {
    if (!standIns.some((s) => now.includes(s))) return old;
    return typeof old === 'string' && template(now, standIns).test(old) ? now : SECRET_MASK;
  }
  if (isRecord(old) && isRecord(now)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(old)) out[k] = Object.hasOwn(now, k) ? redact(v, now[k], standIns) : v;
    return out;
  }
  if (Array.isArray(old) && Array.isArray(now)) {
    if (isNamedList(old) && isNamedList(now)) {
      const current = new Map(now.map((item) => [(item as { name: string }).name, item]));
      return old.map((item) => redact(item, current.get((item as { name: string }).name), standIns));
    }
    return old.map((item, i) => redact(item, now[i], standIns));
  }
  return old;
}

/** `now` as an anchored pattern in which each stand-in matches any text. */
function template(now: string, standIns: readonly string[]): RegExp {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = standIns.map(escape).join('|');
  const parts = now.split(new RegExp(`(?:${alternatives})`));
  return new RegExp(`^${parts.map(escape).join('[\\s\\S]*')}$`);
}
