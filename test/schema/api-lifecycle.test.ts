import { describe, expect, it } from 'vitest';
import { apiLifecycleTable, apiStatus } from '../../src/schema/api-lifecycle.js';
import { builtinDefinition } from '../../src/schema/builtin-schemas.js';
import { compareMinor, parseKubernetesVersion } from '../../src/schema/kubernetes-version.js';

function v(text: string) {
  const parsed = parseKubernetesVersion(text);
  if (!parsed) throw new Error(text);
  return parsed;
}

describe('API lifecycle table', () => {
  const table = apiLifecycleTable();

  it('covers removals from 1.16 to 1.32 and deprecations up to 1.33', () => {
    const removedIn = new Set(table.map((e) => e.removedIn).filter((x) => x !== undefined));
    expect([...removedIn].sort()).toEqual(['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32']);
    for (const e of table) {
      if (e.removedIn !== undefined) expect(compareMinor(v(e.deprecatedIn), v(e.removedIn))).toBeLessThan(0);
    }
  });

  it('names replacements that are built-in kinds', () => {
    for (const e of table) {
      for (const r of e.replacements) expect(builtinDefinition(r.apiVersion, r.kind ?? e.kind), `${r.apiVersion} ${r.kind ?? e.kind}`).toBeDefined();
    }
  });

  it.each([
    ['batch/v1beta1', 'CronJob', '1.20', 'served'],
    ['batch/v1beta1', 'CronJob', '1.21', 'deprecated'],
    ['batch/v1beta1', 'CronJob', '1.25', 'removed'],
    ['batch/v1', 'CronJob', '1.20', 'unavailable'],
    ['apps/v1', 'Deployment', '1.34', 'served'],
    ['policy/v1beta1', 'PodSecurityPolicy', '1.34', 'removed'],
  ])('%s %s on %s is %s', (apiVersion, kind, version, status) => {
    expect(apiStatus(apiVersion, kind, v(version)).status).toBe(status);
  });
});
