import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/policy-entry.js';
import { expectPolicy } from '../../src/testing-entry.js';

// Policies may type their resources with kubernetes-types; this must compile and run.
const replicas = definePolicy<Deployment>({
  id: 'min-replicas',
  title: 'At least two replicas',
  severity: 'warning',
  match: { kinds: ['Deployment'] },
  check(resource, ctx) {
    if ((resource.spec?.replicas ?? 1) < 2) ctx.report({ message: `${resource.metadata?.name ?? '?'} has one replica`, path: ['spec', 'replicas'] });
    expect(ctx.containers(resource).length).toBeGreaterThan(0);
    if (ctx.previous?.spec?.replicas !== undefined && ctx.changed(['spec', 'replicas'])) ctx.report({ message: 'changed', severity: 'info' });
  },
});

const deployment = (n: number): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${n}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n`;

describe('typed policies', () => {
  it('run through the tester', async () => {
    await expectPolicy(replicas, {
      valid: [deployment(3)],
      invalid: [
        { yaml: deployment(1), findings: [{ path: 'spec.replicas', line: 6, column: 13, severity: 'warning' }] },
        { yaml: deployment(2), previous: deployment(3), findings: [{ path: '', severity: 'info', line: 1, column: 1 }] },
      ],
    });
  });
});
