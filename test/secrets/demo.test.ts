import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decryptSops } from 'sops-age';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/core/project-fs.js';
import { revealSecret } from '../../src/core/secret-value.js';
import { resolveSecrets, secretKey } from '../../src/secrets/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const keyFile = 'demo-keys/DEMO-ONLY-age-key.txt';

describe('demo secrets', () => {
  it('resolve with the committed demo key and the project config, no environment at all', async () => {
    const names = { db_password: 'db.password', stripe_key: 'stripe.api_key', session_secret: 'session.secret' };
    const { values, diagnostics } = await resolveSecrets(
      Object.entries(names).map(([name, p]) => ({ formation: 'demo', name, ref: `sops:secrets/demo.enc.yaml#${p}` })),
      {
        mode: 'resolve',
        projectRoot: repo,
        fs: nodeFs,
        env: {},
        homeDir: mkdtempSync(path.join(tmpdir(), 'cp-demo-home-')),
        config: { sops: { ageKeyFile: keyFile } },
      },
    );
    expect(diagnostics).toEqual([]);
    for (const name of Object.keys(names)) {
      expect(revealSecret(values.get(secretKey('demo', name))!)).toMatch(/^demo-[a-z-]+-not-real$/);
    }
  });

  it('is readable by an independent implementation (sops-age)', async () => {
    const key = readFileSync(path.join(repo, keyFile), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const data = (await decryptSops(readFileSync(path.join(repo, 'secrets/demo.enc.yaml'), 'utf8'), {
      secretKey: key,
      fileType: 'yaml',
    })) as Record<string, Record<string, string>>;
    expect(data['db']!['password']).toBe('demo-db-password-not-real');
  });

  it('says in the key file that the key is public and for the demo only', () => {
    expect(readFileSync(path.join(repo, keyFile), 'utf8')).toMatch(/^# DEMO-ONLY.*\n# This is a PUBLIC key/);
  });
});
