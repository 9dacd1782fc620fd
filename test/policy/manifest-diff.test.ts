import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { diffManifests, renderDiff } from '../../src/policy/index.js';

const load = (name: string) =>
  manifestsFromYaml(`rendered/${name}`, readFileSync(new URL(`../fixtures/policy-diff/${name}`, import.meta.url), 'utf8'), 'prod').manifests;

describe('diffManifests', () => {
  const current = load('current.yaml');
  const baseline = load('baseline.yaml');

  it('pairs resources by identity and named list items by name', () => {
    const diffs = diffManifests(current, baseline);
    expect(diffs.map((d) => [d.status, d.label, d.formation, d.line])).toEqual([
      ['added', 'ConfigMap/shop/new', 'prod', 33],
      ['removed', 'ConfigMap/shop/old', 'prod', 31],
      ['changed', 'Deployment/shop/web', 'prod', 1],
      ['changed', 'Service/shop/web', 'prod', 23],
    ]);
    expect(diffs[2]?.changes.map((c) => [c.kind, c.path, c.from, c.to, c.line, c.column])).toEqual([
      ['added', 'metadata.labels', undefined, { app: 'web' }, 7, 5],
      ['added', 'spec.template.spec.containers[0]', undefined, { name: 'init-helper', image: 'busybox:1.36' }, 13, 11],
      ['changed', 'spec.template.spec.containers[1].env[0].value', '(secret:db_password)', '(secret:db_password_v2)', 19, 22],
      ['removed', 'spec.template.spec.containers[0].env[1]', { name: 'MODE', value: 'fast' }, undefined, 26, 15],
      ['changed', 'spec.template.spec.containers[1].image', 'ghcr.io/acme/web:1.4.1', 'ghcr.io/acme/web:1.4.2', 16, 18],
    ]);
    expect(diffs[3]?.changes.map((c) => [c.path, c.from, c.to])).toEqual([['spec.loadBalancerIP', '10.0.0.1', '10.0.0.2']]);
  });

  it('is empty for identical inputs and independent of input order', () => {
    expect(diffManifests(current, current)).toEqual([]);
    expect(diffManifests([...current].reverse(), [...baseline].reverse())).toEqual(diffManifests(current, baseline));
  });

  it('masks secret values if any are in the data', () => {
    const diffs = diffManifests(current, baseline, { mask: ['10.0.0.2'] });
    expect(JSON.stringify(diffs)).not.toContain('10.0.0.2');
  });

  it('renders plain text', async () => {
    await expect(renderDiff(diffManifests(current, baseline))).toMatchFileSnapshot('../fixtures/policy-diff/expected.txt');
    expect(renderDiff([])).toBe('no changes\n');
  });
});
