import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

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

  it('exits 2 on a usage error', () => {
    const r = spawnSync(process.execPath, ['bin/copperplate.js', 'render', '--bogus'], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
