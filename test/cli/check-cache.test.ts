import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { tempDir, tempProject } from '../support/temp-project.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer, maximum: 10 }
`;

/** Schema problems of every kind the validator locates: typed values from formations, a List, a CRD of the stream. */
const project = {
  'copperplate.yaml': 'kubernetesVersion: "1.31"\n',
  'formations/a.yaml': 'values:\n  replicas: many\n  size: 12\n  port: 80\n',
  'formations/b.yaml': 'values:\n  replicas: 2\n  size: 3\n  port: http\n',
  'stencils/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: "\${formation.name}" }
spec:
  replicas: \${replicas}
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      containers:
        - name: app
          image: app:1
          imagePullPolcy: Always
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: { name: app, namespace: "\${formation.name}" }
    spec:
      ports:
        - port: \${port}
      selector: { app: app }
      colour: blue
---
${WIDGET_CRD}---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w, namespace: "\${formation.name}" }
spec:
  size: \${size}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: { name: app, namespace: "\${formation.name}" }
spec:
  selector: null
`,
};

function check(root: string, cacheHome: string | undefined): { status: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', HOME: '' };
  if (cacheHome !== undefined) env['XDG_CACHE_HOME'] = cacheHome;
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'copperplate.js'), 'check', '--project', root, '--format', 'json'], { encoding: 'utf8', env });
}

function entries(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

/**
 * The built CLI keeps each formation's schema problems and shipped policies' reports by content
 * (src/engine/check-manifests.ts).
 */
describe('check results kept in the per-user cache (built bin)', () => {
  it('reports the same findings, at the same stencil locations, without a cache, filling it, and reading it', () => {
    const p = tempProject(project);
    const cache = tempDir();
    cleanup.push(p.remove, cache.remove);
    const uncached = check(p.dir, undefined);
    expect(uncached.stderr).toBe('');
    expect(uncached.status).toBe(1);
    const report = JSON.parse(uncached.stdout) as { findings: { policy: string; code?: string; file?: string; line?: number }[] };
    const codes = report.findings.filter((f) => f.policy === 'schema').map((f) => f.code);
    // each kind of problem is there, so that the cached runs are compared on all of them
    expect(new Set(codes)).toEqual(new Set(['SCHEMA_INVALID', 'SCHEMA_UNKNOWN_FIELD', 'API_REMOVED']));
    expect(report.findings.some((f) => f.policy === 'schema' && f.file === 'stencils/app.yaml' && f.line === 5)).toBe(true);
    expect(report.findings.some((f) => f.policy === 'run-as-non-root' && f.file === 'stencils/app.yaml')).toBe(true);

    const filling = check(p.dir, cache.dir);
    const kept = entries(path.join(cache.dir, 'copperplate', 'checked'));
    const reading = check(p.dir, cache.dir);
    for (const r of [filling, reading]) {
      expect(r.status).toBe(uncached.status);
      expect(r.stdout).toBe(uncached.stdout);
    }
    // both formations render a null (the PodDisruptionBudget's selector): nothing is kept
    expect(kept).toHaveLength(0);
    expect(entries(path.join(cache.dir, 'copperplate', 'checked'))).toEqual(kept);
  });

  it('keeps the results of content without null, and checks changed content anew', () => {
    const p = tempProject({ ...project, 'stencils/app.yaml': project['stencils/app.yaml'].replace('selector: null', 'selector: {}') });
    const cache = tempDir();
    cleanup.push(p.remove, cache.remove);
    const dir = path.join(cache.dir, 'copperplate', 'checked', 'schema');
    const policies = path.join(cache.dir, 'copperplate', 'checked', 'policies');
    const first = check(p.dir, cache.dir);
    expect(entries(dir)).toHaveLength(2);
    expect(entries(policies)).toHaveLength(2);
    expect(check(p.dir, cache.dir).stdout).toBe(first.stdout);
    expect(check(p.dir, undefined).stdout).toBe(first.stdout);
    // a changed value is other content: validated again, and its finding is gone
    fs.writeFileSync(path.join(p.dir, 'formations', 'a.yaml'), 'values:\n  replicas: 1\n  size: 12\n  port: 80\n');
    const changed = check(p.dir, cache.dir);
    expect(entries(dir)).toHaveLength(3);
    expect(entries(policies)).toHaveLength(3);
    expect(changed.stdout).toBe(check(p.dir, undefined).stdout);
    expect(changed.stdout).not.toBe(first.stdout);
  });
});
