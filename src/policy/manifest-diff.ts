import { cmp } from '../core/diagnostic.js';
import {
  formatPath,
  isRecord,
  resourceId,
  resourceKey,
  resourceLabel,
  type JsonPath,
  type Manifest,
} from '../core/manifest.js';
import { maskDeep, maskSecrets } from '../core/secret-value.js';
import { isNamedList, type ResourceDiff, type ValueChange } from '../core/resource-diff.js';
import { canonicalJson, jsonEqual } from './json-value.js';

export type { ResourceDiff, ValueChange } from '../core/resource-diff.js';

export interface DiffOptions {
  /** Secret values to mask in values (the data normally holds only their stand-ins). */
  mask?: readonly string[];
}

/**
 * Per-resource semantic diff of a formation against its baseline. Resources pair by group,
 * kind, namespace and name; lists whose items all have distinct `name`s (containers, env,
 * ports, volumes) pair items by name, so inserting one does not show every later item as
 * changed. Unchanged resources are left out. Order: kind, namespace, name.
 */
export function diffManifests(current: readonly Manifest[], baseline: readonly Manifest[], options: DiffOptions = {}): ResourceDiff[] {
  const masks = (options.mask ?? []).filter((s) => s.length > 0);
  const mask = (v: unknown): unknown => (masks.length === 0 ? v : maskDeep(v, (s) => maskSecrets(s, masks)));
  const before = new Map<string, Manifest>();
  for (const m of baseline) {
    const key = resourceKey(resourceId(m.object));
    if (!before.has(key)) before.set(key, m);
  }
  const out: ResourceDiff[] = [];
  const seen = new Set<string>();
  for (const m of current) {
    const id = resourceId(m.object);
    const key = resourceKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    const old = before.get(key);
    if (!old) {
      out.push(resourceDiff('added', m, []));
      continue;
    }
    const changes: PendingChange[] = [];
    compare(old.object, m.object, [], [], changes);
    if (changes.length === 0) continue;
    for (const c of changes) {
      const where = c.change.kind === 'removed' ? old.locate(c.oldSegments) : m.locate(c.segments);
      c.change.file = where.file;
      c.change.line = where.line;
      c.change.column = where.column;
      if ('from' in c.change) c.change.from = mask(c.change.from);
      if ('to' in c.change) c.change.to = mask(c.change.to);
    }
    out.push(resourceDiff('changed', m, changes.map((c) => c.change)));
  }
  for (const [key, m] of before) if (!seen.has(key)) out.push(resourceDiff('removed', m, []));
  return out.sort(
    (a, b) =>
      cmp(a.resource.kind, b.resource.kind) ||
      cmp(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
      cmp(a.resource.name, b.resource.name) ||
      cmp(a.resource.apiVersion, b.resource.apiVersion),
  );
}

interface PendingChange {
  change: ValueChange;
  segments: JsonPath;
  oldSegments: JsonPath;
}

function resourceDiff(status: ResourceDiff['status'], m: Manifest, changes: ValueChange[]): ResourceDiff {
  const resource = resourceId(m.object);
  const at = m.locate([]);
  const d: ResourceDiff = { status, resource, label: resourceLabel(resource), file: at.file, line: at.line, column: at.column, changes };
  if (m.formation !== undefined) d.formation = m.formation;
  return d;
}

function compare(a: unknown, b: unknown, oldPath: JsonPath, newPath: JsonPath, out: PendingChange[]): void {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const inA = Object.hasOwn(a, k);
      const inB = Object.hasOwn(b, k);
      if (inA && inB) compare(a[k], b[k], [...oldPath, k], [...newPath, k], out);
      else if (inB) push(out, 'added', [...oldPath, k], [...newPath, k], undefined, b[k]);
      else push(out, 'removed', [...oldPath, k], [...newPath, k], a[k], undefined);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const byName = isNamedList(a) && isNamedList(b);
    if (byName) {
      const oldIndex = new Map(a.map((item, i) => [(item as { name: string }).name, i]));
      const newNames = new Set(b.map((item) => (item as { name: string }).name));
      b.forEach((item, i) => {
        const j = oldIndex.get((item as { name: string }).name);
        if (j === undefined) push(out, 'added', [...oldPath, i], [...newPath, i], undefined, item);
        else compare(a[j], item, [...oldPath, j], [...newPath, i], out);
      });
      a.forEach((item, j) => {
        if (!newNames.has((item as { name: string }).name)) push(out, 'removed', [...oldPath, j], [...newPath, j], item, undefined);
      });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) push(out, 'added', [...oldPath, i], [...newPath, i], undefined, b[i]);
      else if (i >= b.length) push(out, 'removed', [...oldPath, i], [...newPath, i], a[i], undefined);
      else compare(a[i], b[i], [...oldPath, i], [...newPath, i], out);
    }
    return;
  }
  if (!jsonEqual(a, b)) push(out, 'changed', oldPath, newPath, a, b);
}

function push(out: PendingChange[], kind: ValueChange['kind'], oldPath: JsonPath, newPath: JsonPath, from: unknown, to: unknown): void {
  const segments = kind === 'removed' ? oldPath : newPath;
  const change: ValueChange = { kind, path: formatPath(segments), segments };
  if (kind !== 'added') change.from = from;
  if (kind !== 'removed') change.to = to;
  out.push({ change, segments: newPath, oldSegments: oldPath });
}


/**
 * Plain text, one resource per block: `+` added, `-` removed, `~` changed with one line per
 * changed path. Long values are shortened; the text ends with a summary line.
 */
export function renderDiff(diffs: readonly ResourceDiff[], options: { maxValueLength?: number } = {}): string {
  const max = options.maxValueLength ?? 120;
  const lines: string[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const d of diffs) {
    counts[d.status]++;
    const sign = d.status === 'added' ? '+' : d.status === 'removed' ? '-' : '~';
    lines.push(`${sign} ${d.label} (${d.resource.apiVersion})  ${d.file}:${d.line}`);
    for (const c of d.changes) {
      const where = c.line === undefined ? '' : `  (${c.file ?? ''}:${c.line}:${c.column ?? 1})`;
      const path = c.path === '' ? '(resource)' : c.path;
      if (c.kind === 'added') lines.push(`    + ${path}: ${show(c.to, max)}${where}`);
      else if (c.kind === 'removed') lines.push(`    - ${path}: ${show(c.from, max)}${where}`);
      else lines.push(`    ~ ${path}: ${show(c.from, max)} → ${show(c.to, max)}${where}`);
    }
  }
  const total = counts.added + counts.removed + counts.changed;
  lines.push(total === 0 ? 'no changes' : `${counts.changed} changed, ${counts.added} added, ${counts.removed} removed`);
  return `${lines.join('\n')}\n`;
}

function show(value: unknown, max: number): string {
  const text = canonicalJson(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
