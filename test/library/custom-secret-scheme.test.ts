import { describe, expect, it } from 'vitest';
import { render, type SecretProvider } from '../../src/index.js';
import { memoryProject } from '../support/memory-project.js';

/** An embedder's backend with a scheme copperplate does not ship (Google Secret Manager style). */
const gcpsm: SecretProvider = {
  scheme: 'gcpsm',
  parse: (body) => {
    const name = typeof body === 'string' ? body : body['gcpsm'];
    const version = typeof body === 'string' ? 'latest' : String(body['version'] ?? 'latest');
    return typeof name === 'string' ? { display: `gcpsm:${name}`, fetchKey: `${name}@${version}` } : { code: 'SECRET_REF_SYNTAX', message: 'expected a name' };
  },
  fetch: async (ref) => `value-of-${ref.fetchKey}`,
  select: (unit) => String(unit),
};

const stencil = `apiVersion: v1
kind: Secret
metadata: { name: app }
stringData:
  token: \${secrets.token}
`;

function formation(ref: string): Record<string, string> {
  return { 'stencils/secret.yaml': stencil, 'formations/staging.yaml': `environment: staging\nsecrets:\n  token: ${ref}\n` };
}

describe('secret schemes are open: any provider passed as secretProviders', () => {
  it.each([
    ['string form', 'gcpsm:projects/p/secrets/token', 'value-of-projects/p/secrets/token@latest'],
    ['object form', '{ gcpsm: projects/p/secrets/token, version: 3 }', 'value-of-projects/p/secrets/token@3'],
  ])('%s renders through render(project, { secrets: resolve, secretProviders })', async (_form, ref, value) => {
    const project = await memoryProject(formation(ref));
    const result = await render(project, { secrets: 'resolve', secretProviders: [gcpsm], check: false });
    expect(result.report.diagnostics).toEqual([]);
    expect(result.report.exitCode).toBe(0);
    expect(result.manifests.get('staging')).toContain(`token: ${value}`);
  });

  it.each([
    // a scalar is located at its value; a mapping by the key that sets it
    ['string form', 'gcpsm:projects/p/secrets/token', 10],
    ['object form', '{ gcpsm: projects/p/secrets/token }', 3],
  ])('without the provider, the %s is SECRET_SCHEME_UNKNOWN at the reference (exit 2, no manifest)', async (_form, ref, column) => {
    const project = await memoryProject(formation(ref));
    for (const secrets of ['resolve', 'redact'] as const) {
      const result = await render(project, { secrets, check: false });
      expect(result.report.exitCode).toBe(2);
      expect(result.manifests.size).toBe(0);
      expect(result.report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['SECRET_SCHEME_UNKNOWN', 'formations/staging.yaml', 3, column]]);
    }
  });
});
