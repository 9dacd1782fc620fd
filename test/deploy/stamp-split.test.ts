import { describe, expect, it } from 'vitest';
import { FormationLoader, FormationRenderer, compileStencil, isSplitFileName, splitFiles, stampDocument } from '../../src/render/index.js';
import { memoryFs } from '../../src/core/project-fs.js';

const STENCIL = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:web-reader
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
  labels: { app: web, app.kubernetes.io/managed-by: helm }
data: { a: b }
`;

function rendered() {
  const stencil = compileStencil('stencils/app.yaml', 'app.yaml', STENCIL);
  const fs = memoryFs({ '/p/formations/prod.yaml': 'values: {}\n' });
  const { formation } = new FormationLoader('/p', fs, '1.31').resolve('prod', [stencil.stencil]);
  if (!formation) throw new Error('no formation');
  return new FormationRenderer(formation, []).renderStencil(stencil.stencil, undefined);
}

describe('stamp and split (render layer)', () => {
  it('stamps labels after the existing ones (replacing a stale managed-by) and annotations, also on objects without metadata maps', () => {
    const [role, cm] = rendered();
    for (const d of [role!, cm!]) stampDocument(d, { formation: 'prod', revision: 'abc123' });
    expect(cm!.manifest.object['metadata']).toEqual({
      name: 'web',
      labels: { app: 'web', 'app.kubernetes.io/managed-by': 'copperplate', 'copperplate.dev/formation': 'prod' },
      annotations: { 'copperplate.dev/revision': 'abc123', 'copperplate.dev/source': 'stencils/app.yaml' },
    });
    expect(cm!.data).toBe(cm!.manifest.object);
    const [again] = rendered();
    stampDocument(again!, { formation: 'prod' });
    expect(again!.manifest.object['metadata']).toMatchObject({ annotations: { 'copperplate.dev/source': 'stencils/app.yaml' } });
  });

  it('names split files <NNN>-<kind>-<name>.yaml, lower-cased, file-system safe, wider past 999', () => {
    const docs = rendered();
    expect(splitFiles(docs, false).map((f) => f.name)).toEqual(['001-clusterrole-system_web-reader.yaml', '002-configmap-web.yaml']);
    expect(splitFiles(docs, false)[1]?.text).toBe('---\n# Source: stencils/app.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    app: web\n    app.kubernetes.io/managed-by: helm\ndata:\n  a: b\n');
    const many = Array.from({ length: 1000 }, () => docs[1]!);
    const names = splitFiles(many, false).map((f) => f.name);
    expect([names[0], names[999]]).toEqual(['0001-configmap-web.yaml', '1000-configmap-web.yaml']);
    expect(names.every(isSplitFileName)).toBe(true);
    expect(isSplitFileName('README.md')).toBe(false);
  });
});
