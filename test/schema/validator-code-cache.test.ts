import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/core/project-fs.js';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { createSchemaValidator } from '../../src/schema/index.js';
import { tempDir } from '../support/temp-project.js';

// A file of its own: the built-in validators are loaded once per process, with the cache
// directory of the first validation that needs them.
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

const stream = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: many
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.27 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { a: b }
`;

function validate(cacheDir: string | undefined) {
  const { manifests } = manifestsFromYaml('stencils/app.yaml', stream);
  return createSchemaValidator({ kubernetesVersion: '1.31', schemaLocations: [], strict: true, strictKinds: false, crds: [], fs: nodeFs, cacheDir }).validate(manifests);
}

/** The tags of the cache file (what it holds), from its header line. */
function cachedKinds(file: string): string[] {
  const text = fs.readFileSync(file).toString('latin1');
  const header = text.slice(text.indexOf('\n') + 1, text.indexOf('\n', text.indexOf('\n') + 1));
  return (JSON.parse(header) as { tags: string[] }).tags;
}

describe('built-in validators with a per-user cache directory', () => {
  it("keep V8's code of the common kinds validated there, and validate as before", () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const first = validate(t.dir);
    expect(first.findings.map((f) => `${f.code}@${f.path} ${f.line}:${f.column}`)).toEqual(['SCHEMA_INVALID@spec.replicas 5:13']);
    const [file, ...others] = fs.readdirSync(path.join(t.dir, 'v8'));
    expect(others).toEqual([]);
    expect(file).toMatch(/^k8s-validators-/);
    expect(cachedKinds(path.join(t.dir, 'v8', file!))).toEqual(['IoK8sApiAppsV1Deployment', 'IoK8sApiCoreV1ConfigMap']);
    // the same kinds again: nothing new to keep, the cache is not written again
    const written = fs.statSync(path.join(t.dir, 'v8', file!)).mtimeMs;
    expect(validate(t.dir)).toEqual(first);
    expect(fs.statSync(path.join(t.dir, 'v8', file!)).mtimeMs).toBe(written);
  });
});
