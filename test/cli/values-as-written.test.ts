import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fixturesDir } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';

// test/fixtures/render-number-text: a formation without `environment`, numbers written
// `1.10`, `1e3`, `0x1F`, `0o17`, `0.50`, and `--set` numbers (SPEC §2.2 rule 5, §3).
const dir = `${fixturesDir}/render-number-text`;
const SET = ['--set', 'release=2.10', '--set', 'build=0x0A'];

interface ExplainJson {
  environment: string;
  resources: { resource: string; placeholders: { path: string; placeholder: string; value: unknown; written?: string }[] }[];
}

describe('values as written (SPEC §2.2 rule 5) and an optional environment (SPEC §3)', () => {
  it('render: text use keeps the written text; typed use emits the number; environment defaults to the formation name', async () => {
    const r = await runCli(['render', 'prod', '--secrets', 'redact', '--no-check', ...SET], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [config, deployment] = parseAllDocuments(r.stdout).map((d) => d.toJS()) as Record<string, any>[];
    expect(config?.['data']).toEqual({ release: '2.10-x', build: '0x0A', quoted: '2.10' });
    expect(deployment?.['metadata']['labels']).toEqual({ environment: 'prod', version: '1.10' });
    expect(deployment?.['metadata']['annotations']).toMatchObject({
      'example.com/thousand': '1e3',
      'example.com/mask': '0x1F',
      'example.com/octal': '0o17',
      'example.com/enabled': 'true',
      'example.com/summary': 'tag 1.10, ratio 0.50, mask 0x1F',
      'v1.10': 'key',
    });
    const container = deployment?.['spec']['template']['spec']['containers'][0];
    expect(container['image']).toBe('ghcr.io/acme/web:1.10');
    expect(container['env']).toEqual([
      { name: 'TYPED_RATIO', value: 0.5 },
      { name: 'TYPED_TAG', value: 1.1 },
    ]);
  });

  it('explain shows the text a value was written with, and how a typed number was written', async () => {
    const r = await runCli(['explain', 'prod', 'Deployment/web', '--format', 'json', ...SET], dir);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as ExplainJson;
    expect(j.environment).toBe('prod');
    const byPath = new Map(j.resources.flatMap((s) => s.placeholders).map((p) => [`${p.path} ${p.placeholder}`, p]));
    expect(byPath.get('spec.template.spec.containers[0].image ${tag}')).toMatchObject({ value: '1.10' });
    expect(byPath.get('metadata.labels.version ${tag}')).toMatchObject({ value: '1.10' });
    expect(byPath.get('metadata.annotations["example.com/mask"] ${mask}')).toMatchObject({ value: '0x1F' });
    expect(byPath.get('spec.template.spec.containers[0].env[1].value ${tag}')).toMatchObject({ value: 1.1, written: '1.10' });
    expect(byPath.get('spec.replicas ${replicas}')).not.toHaveProperty('written');

    const text = await runCli(['explain', 'prod', 'Deployment/web', 'spec.template.spec.containers', ...SET], dir);
    expect(text.stdout).toContain('${tag} = "1.10"');
    expect(text.stdout).toContain('${tag} = 1.1  (written 1.10)');
  });
});
