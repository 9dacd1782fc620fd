import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { loadPolicies, runPolicies } from '../../src/policy/index.js';
import { fixturesDir } from '../support/paths.js';

/**
 * Project policy files run in the policy worker (SPEC §5.1): every way a policy can fail to end
 * is stopped from the engine's thread, reported once as POLICY_ERROR naming the policy (and the
 * resource when known), and the other policies still run. The vitest timeouts are the "within
 * seconds" bound; nothing here measures time.
 */
const root = path.join(fixturesDir, 'policy-isolation');
const file = (name: string) => path.join(root, name);
const STREAM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
`;
const manifests = manifestsFromYaml('stencils/app.yaml', STREAM).manifests;

async function runFiles(names: readonly string[], timeoutMs = 300) {
  const loaded = await loadPolicies(names.map(file), { projectRoot: root, timeoutMs: 2000 });
  try {
    const ran = await runPolicies({ manifests }, loaded.policies, { timeoutMs });
    return { ...ran, load: loaded.diagnostics, output: (await loaded.close()).output };
  } finally {
    await loaded.close();
  }
}

describe('policies in the worker are stopped for real', () => {
  it.each([
    ['sync-loop.ts', 'sync-loop'],
    ['loop-after-await.ts', 'loop-after-await'],
    ['never-settles.ts', 'never-settles'],
  ])('%s: one POLICY_ERROR naming the policy and the Service; the next policy still runs', async (name, id) => {
    const r = await runFiles([name, 'well-behaved.ts']);
    expect(r.load).toEqual([]);
    const errors = r.diagnostics.filter((d) => d.code === 'POLICY_ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(id);
    expect(errors[0]?.message).toContain('Service');
    expect(r.findings.filter((f) => f.policy === 'well-behaved').map((f) => f.message)).toEqual(['ok Deployment', 'ok Service', 'ok ConfigMap']);
  }, 20_000);

  it('a loop at module top level: POLICY_ERROR for the file, the other files load and run', async () => {
    const r = await runFiles(['top-level-loop.ts', 'well-behaved.ts']);
    expect(r.load.map((d) => [d.code, d.file])).toEqual([['POLICY_ERROR', 'top-level-loop.ts']]);
    expect(r.findings.filter((f) => f.policy === 'well-behaved')).toHaveLength(3);
  }, 30_000);

  it('process.exit in a policy ends only the worker: POLICY_ERROR, the run goes on', async () => {
    const r = await runFiles(['exits.ts', 'well-behaved.ts']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['POLICY_ERROR']);
    expect(r.diagnostics[0]?.message).toContain('exits');
    expect(r.findings.filter((f) => f.policy === 'well-behaved')).toHaveLength(3);
  }, 20_000);

  it('a stopped policy is stopped once per formation, and runs again for the next one', async () => {
    const loaded = await loadPolicies([file('sync-loop.ts'), file('well-behaved.ts')], { projectRoot: root });
    try {
      for (const formation of ['a', 'b']) {
        const ran = await runPolicies({ manifests, formation: { name: formation, environment: formation, destination: {} } }, loaded.policies, { timeoutMs: 200 });
        expect(ran.diagnostics.map((d) => [d.code, d.formation])).toEqual([['POLICY_ERROR', formation]]);
        // the findings it made before it looped are kept
        expect(ran.findings.filter((f) => f.policy === 'sync-loop').map((f) => f.message)).toEqual([]);
        expect(ran.findings.filter((f) => f.policy === 'well-behaved')).toHaveLength(3);
      }
    } finally {
      await loaded.close();
    }
  }, 30_000);

  it('console output is captured (none reaches this process), policies see no environment', async () => {
    const r = await runFiles(['chatty.ts', 'env-reader.ts']);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toContain('chatty: loaded');
    expect(r.output).toContain('chatty: checking Service');
    expect(r.output).toContain('chatty: on stderr');
    expect(r.output).toContain('chatty: straight to stdout');
    expect(r.findings.filter((f) => f.policy === 'env-reader').map((f) => f.message)).toEqual(['env: {}', 'env: {}', 'env: {}']);
  }, 20_000);
});
