import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempProject } from '../support/temp-project.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const FILES = {
  'stencils/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: ${app}',
    '  namespace: ${formation.namespace}',
    'spec:',
    '  replicas: ${replicas}',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: ${app}',
    '          image: "${image.repository}:${image.tag}"',
    '          env:',
    '            - name: TOKEN',
    '              value: ${secrets.token}',
    '',
  ].join('\n'),
  'stencils/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  ports: ${ports}\n',
  'formations/_base.yaml': 'values:\n  app: web\n  replicas: 1\n  image:\n    repository: ghcr.io/acme/web\n    tag: "1.0"\n  ports: [{ port: 80 }]\n',
  'formations/prod.yaml': 'extends: _base.yaml\nenvironment: production\ndestination: { namespace: shop }\nvalues:\n  replicas: 3\nsecrets:\n  token: vault:secret/web#token\n',
};

interface ExplainJson {
  formation: string;
  environment: string;
  layers: string[];
  resources: {
    resource: string;
    stencil: string;
    placeholders: { path: string; placeholder: string; at: { file: string; line: number; column: number }; value: unknown; origin: string; source?: { file: string; line: number; column: number } }[];
  }[];
}

function project(): string {
  const t = tempProject(FILES);
  cleanups.push(t.remove);
  return t.dir;
}

describe('copperplate explain', () => {
  it('--format json: every placeholder with its stencil location, value and the layer that supplied it', async () => {
    const dir = project();
    const r = await runCli(['explain', 'prod', '--format', 'json'], dir);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as ExplainJson;
    expect(j.formation).toBe('prod');
    expect(j.environment).toBe('production');
    expect(j.layers).toEqual(['formations/_base.yaml', 'formations/prod.yaml']);
    const deployment = j.resources.find((x) => x.resource.startsWith('Deployment/'));
    expect(deployment?.stencil).toBe('stencils/deployment.yaml');
    const byPath = new Map(deployment!.placeholders.map((p) => [`${p.path} ${p.placeholder}`, p]));
    // overridden by the formation file itself
    expect(byPath.get('spec.replicas ${replicas}')).toMatchObject({
      value: 3,
      origin: 'value',
      at: { file: 'stencils/deployment.yaml', line: 7, column: 13 },
      source: { file: 'formations/prod.yaml', line: 5, column: 13 },
    });
    // supplied by the layer
    expect(byPath.get('spec.template.spec.containers[0].image ${image.tag}')).toMatchObject({
      value: '1.0',
      at: { file: 'stencils/deployment.yaml', line: 12, column: 39 },
      source: { file: 'formations/_base.yaml', line: 6, column: 10 },
    });
    expect(byPath.get('metadata.namespace ${formation.namespace}')).toMatchObject({ value: 'shop', origin: 'builtin' });
    // a secret shows its stand-in and its declaration, never a value
    expect(byPath.get('spec.template.spec.containers[0].env[0].value ${secrets.token}')).toMatchObject({
      value: '(secret:token)',
      origin: 'secret',
      source: { file: 'formations/prod.yaml', line: 7, column: 10 },
    });
    const service = j.resources.find((x) => x.resource.startsWith('Service/'));
    expect(service?.placeholders.find((p) => p.placeholder === '${ports}')).toMatchObject({ path: 'spec.ports', value: [{ port: 80 }] });
  });

  it('narrows to KIND/NAME and PATH', async () => {
    const dir = project();
    const r = await runCli(['explain', 'prod', 'Deployment/web', 'spec.replicas', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as ExplainJson;
    expect(j.resources).toHaveLength(1);
    expect(j.resources[0]!.placeholders.map((p) => p.path)).toEqual(['spec.replicas']);

    const prefix = await runCli(['explain', 'prod', 'deployment/web', 'spec.template', '--format', 'json'], dir);
    expect(prefix.code).toBe(0);
    const paths = (JSON.parse(prefix.stdout) as ExplainJson).resources[0]!.placeholders.map((p) => p.path);
    expect(paths.length).toBeGreaterThan(2);
    for (const p of paths) expect(p.startsWith('spec.template.')).toBe(true);
  });

  it('text: shows value, stencil location and provenance', async () => {
    const dir = project();
    const r = await runCli(['explain', 'prod', 'Deployment/web', 'spec.replicas'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Deployment/');
    expect(r.stdout).toContain('${replicas}');
    expect(r.stdout).toContain('stencils/deployment.yaml:7:13');
    expect(r.stdout).toContain('formations/prod.yaml:5:13');
  });

  it('text on the demo project', async () => {
    const r = await runCli(['explain', 'staging', 'Deployment/web', 'spec.replicas'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\$\{replicas\}/);
    expect(r.stdout).toMatch(/formations\/[_a-z-]+\.yaml:\d+:\d+/);
  });

  it('names --set as the provenance of a value it set', async () => {
    const dir = project();
    const r = await runCli(['explain', 'prod', 'Deployment/web', 'spec.replicas', '--format', 'json', '--set', 'replicas=7'], dir);
    expect(r.code).toBe(0);
    const p = (JSON.parse(r.stdout) as ExplainJson).resources[0]!.placeholders[0]!;
    expect(p.value).toBe(7);
    expect(p.source?.file).toBe('--set replicas');
  });

  it('an unknown resource is exit 2', async () => {
    const dir = project();
    const r = await runCli(['explain', 'prod', 'Deployment/nope'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('an unknown formation is exit 2', async () => {
    const dir = project();
    const r = await runCli(['explain', 'staging'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('FORMATION_NOT_FOUND');
  });

  it('a missing formation argument is a usage error (exit 2)', async () => {
    const dir = project();
    const r = await runCli(['explain'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
