import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// What another tool writes: `from 'copperplate'` (here the source entry of that package).
import {
  check,
  definePolicy,
  formatReport,
  loadProject,
  memoryFs,
  render,
  validate,
  type LoadedPolicy,
  type PolicyLoader,
  type SecretProvider,
} from '../../src/index.js';

/** A deploy tool's own secret store, replacing the built-in `vault:` backend. */
function inMemoryVault(values: Record<string, string>): SecretProvider {
  return {
    scheme: 'vault',
    parse: (body) => (typeof body === 'string' ? { display: `vault:${body}`, fetchKey: body } : { code: 'SECRET_REF_INVALID', message: 'expected vault:path#key' }),
    fetch: async (ref) => values[ref.fetchKey],
    select: (value) => (typeof value === 'string' ? value : { code: 'SECRET_NOT_FOUND', message: 'no such secret' }),
  };
}

/** Policies supplied in code instead of loaded from policies/*.ts. */
const teamLabel = definePolicy({
  id: 'require-team-label',
  title: 'Workloads carry a team label',
  severity: 'error',
  match: { kinds: ['Deployment'] },
  check(resource, ctx) {
    if (!resource.metadata.labels?.['team']) ctx.report({ message: 'missing label team', path: ['metadata', 'labels'] });
  },
});
const policyLoader: PolicyLoader = async () => ({
  policies: [{ ...teamLabel, check: teamLabel.check.bind(teamLabel), file: 'policies/team.ts', builtin: false } as LoadedPolicy],
  diagnostics: [],
});

const root = path.resolve('/deploy-tool/repo');
const files = {
  'copperplate.yaml': 'builtinPolicies: [no-latest-tag]\n',
  'stencils/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: \${formation.namespace}
  labels: { team: payments }
spec:
  replicas: \${replicas}
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app:\${tag}
---
apiVersion: v1
kind: Secret
metadata:
  name: app-db
  namespace: \${formation.namespace}
stringData:
  password: \${secrets.db}
`,
  'formations/staging.yaml': `environment: staging
destination: { context: staging, namespace: app-staging }
values: { replicas: 2, tag: "1.2.3" }
secrets:
  db: vault:secret/app#password
`,
  'policies/team.ts': '// supplied by the embedding tool through policyLoader\n',
};

describe('embedding: another tool renders one formation and checks it', () => {
  it('renders staging with its own secret backend, applies only on exit 0, and re-checks rendered YAML with validate', async () => {
    const fs = memoryFs(Object.fromEntries(Object.entries(files).map(([rel, text]) => [path.join(root, rel), text])));
    const project = await loadProject({ root, fs });
    const host = { env: {}, now: () => new Date('2026-06-01T00:00:00Z'), policyLoader, secretProviders: [inMemoryVault({ 'secret/app#password': 'hunter2-canary' })] };

    const result = await render(project, { ...host, formations: ['staging'], secrets: 'resolve' });
    expect(result.report.exitCode).toBe(0);
    const stream = result.manifests.get('staging');
    expect(stream).toContain('password: hunter2-canary');
    expect(stream).toMatch(/^# Source: stencils\/app\.yaml$/m);
    expect(JSON.stringify(result.report)).not.toContain('hunter2-canary');
    expect(result.report).toMatchObject({ version: 1, tool: { name: 'copperplate' }, summary: { formations: 1, errors: 0 } });

    // the same checks without any secret (redacted), as a CI step of that tool would run them
    const checked = await check(project, { ...host, formations: ['staging'] });
    expect(checked.report.exitCode).toBe(0);

    // the tool patched the rendered YAML itself (say, an image override): validate it before applying
    const patched = stream!.replace('ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest').replace('team: payments', 'owner: payments');
    const validated = await validate(project, { ...host, inputs: [{ file: 'staging.yaml', text: patched }] });
    expect(validated.report.exitCode).toBe(1);
    expect(validated.report.findings.map((f) => f.policy).sort()).toEqual(['no-latest-tag', 'require-team-label']);
    const text = formatReport(validated.report, 'text', { color: false });
    expect(text).toContain('no-latest-tag');
    expect(text).not.toContain('hunter2-canary');
    expect(formatReport(validated.report, 'sarif', { color: false })).toContain('"version": "2.1.0"');
  });

  it('a secret the backend does not have fails closed: exit 2 and no manifest at all', async () => {
    const fs = memoryFs(Object.fromEntries(Object.entries(files).map(([rel, text]) => [path.join(root, rel), text])));
    const project = await loadProject({ root, fs });
    const result = await render(project, { env: {}, policyLoader, secretProviders: [inMemoryVault({})], formations: ['staging'], secrets: 'resolve' });
    expect(result.report.exitCode).toBe(2);
    expect(result.manifests.size).toBe(0);
    expect(result.report.diagnostics.length).toBeGreaterThan(0);
  });
});
