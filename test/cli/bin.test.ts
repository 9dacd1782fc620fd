import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/temp-project.js';

/** The built CLI as users run it. `npm test` builds dist/ first (`npm run build`). */
describe('bin/copperplate.js (built)', () => {
  it('renders the demo: exit 0 and a manifest stream', () => {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'run.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (or `npm test`, which builds) before this test');
    }
    const r = spawnSync(process.execPath, ['bin/copperplate.js', 'render', 'staging', '--secrets', 'redact'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    });
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('---\n# Source: stencils/')).toBe(true);
    expect(r.stdout).toContain('kind: Deployment');
  });

  it("keeps V8's compiled code per command in the per-user cache; the next run uses it and prints the same", () => {
    const cache = tempDir();
    try {
      const render = () =>
        spawnSync(process.execPath, ['bin/copperplate.js', 'render', 'staging', '--secrets', 'redact'], {
          cwd: repoRoot,
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', XDG_CACHE_HOME: cache.dir },
        });
      const first = render();
      expect(first.status).toBe(0);
      const v8 = path.join(cache.dir, 'copperplate', 'v8');
      const files = fs.readdirSync(v8).sort();
      expect(files.map((f) => f.replace(/-[^-]+-[^-]+-[^-]+$/, ''))).toEqual(['cli-render', 'k8s-validators']);
      const written = files.map((f) => fs.statSync(path.join(v8, f)).mtimeMs);
      const second = render();
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toBe(first.stderr);
      // the first run's cache had everything the second compiled: nothing written again
      expect(files.map((f) => fs.statSync(path.join(v8, f)).mtimeMs)).toEqual(written);
    } finally {
      cache.remove();
    }
  });

  it('exits 2 on a usage error', () => {
    const r = spawnSync(process.execPath, ['bin/copperplate.js', 'render', '--bogus'], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
