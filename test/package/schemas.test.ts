import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/engine/config.js';
import { scaffoldFiles } from '../../src/engine/scaffold.js';
import { secretsConfigSections } from '../../src/engine/secrets-config.js';
import { memoryFs } from '../../src/core/project-fs.js';
import { parseApprovals } from '../../src/policy/approvals.js';
import { approvalsSchema } from '../../src/policy/approvals-schema.js';
import { formationSchema } from '../../src/render/formation-schema.js';
import { fixturesDir, repoRoot } from '../support/paths.js';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildSchemas } from '../../scripts/build-schemas.mjs';

type Schemas = Record<string, string>;
const generated = (buildSchemas as (m: unknown) => Schemas)({ configSchema, secretsConfigSections, formationSchema, approvalsSchema });
const NAMES = ['config.schema.json', 'formation.schema.json', 'approvals.schema.json'];

function validator(name: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', name), 'utf8')) as object);
}

const yamlFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(dir, f));

describe('editor schemas (schemas/*.schema.json)', () => {
  it.each(NAMES)('%s is committed exactly as the source objects produce it (run `npm run build`)', (name) => {
    expect(Object.keys(generated).sort()).toEqual([...NAMES].sort());
    expect(fs.readFileSync(path.join(repoRoot, 'schemas', name), 'utf8')).toBe(generated[name]);
  });

  it('copperplate.yaml schema is the loader schema with the secrets sections', () => {
    const schema = JSON.parse(generated['config.schema.json']!) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys({ ...configSchema.properties, ...secretsConfigSections() }).sort());
    expect(schema.properties['vault']).toMatchObject({ properties: { auth: { enum: ['token', 'approle', 'kubernetes', 'jwt'] } } });
  });

  it('each schema compiles under ajv strict mode (draft 2020-12)', () => {
    for (const name of NAMES) expect(() => validator(name), name).not.toThrow();
  });

  it('validates the demo project files', () => {
    const config = validator('config.schema.json');
    const formation = validator('formation.schema.json');
    const approvals = validator('approvals.schema.json');
    expect(config(parse(fs.readFileSync(path.join(repoRoot, 'copperplate.yaml'), 'utf8'))), JSON.stringify(config.errors)).toBe(true);
    for (const f of yamlFiles(path.join(repoRoot, 'formations'))) {
      expect(formation(parse(fs.readFileSync(f, 'utf8'))), `${f}: ${JSON.stringify(formation.errors)}`).toBe(true);
    }
    expect(approvals(parse(fs.readFileSync(path.join(repoRoot, 'approvals.yaml'), 'utf8')) ?? null), JSON.stringify(approvals.errors)).toBe(true);
    expect(approvals(parse(fs.readFileSync(path.join(fixturesDir, 'policy-approvals', 'approvals.yaml'), 'utf8')))).toBe(true);
  });

  it('validates every file `copperplate init` writes, whose $schema lines point at the shipped files', () => {
    const byName: Record<string, ReturnType<typeof validator>> = {
      config: validator('config.schema.json'),
      formation: validator('formation.schema.json'),
      approvals: validator('approvals.schema.json'),
    };
    const files = scaffoldFiles();
    const yaml = Object.entries(files).filter(([f]) => /\.ya?ml$/.test(f) && !f.startsWith('stencils/'));
    expect(yaml.length).toBeGreaterThanOrEqual(5);
    for (const [file, text] of yaml) {
      const line = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
      expect(line, file).not.toBeNull();
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), line![1]!));
      const m = /^node_modules\/copperplate\/schemas\/(config|formation|approvals)\.schema\.json$/.exec(target);
      expect(m, `${file} → ${target}`).not.toBeNull();
      const validate = byName[m![1]!]!;
      expect(validate(parse(text) ?? null), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects what the loaders reject: an unknown key in a formation and in copperplate.yaml', () => {
    expect(validator('formation.schema.json')({ environment: 'x', valuez: {} })).toBe(false);
    expect(validator('config.schema.json')({ kubernetesVersion: '1.31', strictt: true })).toBe(false);
    const loaded = loadConfig('/p', memoryFs({ '/p/copperplate.yaml': 'strictt: true\n' }), secretsConfigSections());
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['CONFIG_INVALID']);
  });

  const entries: { entry: Record<string, unknown>; valid: boolean }[] = [
    { entry: { fingerprint: '3f9c2a1b7d4e', by: 'a@b', reason: 'r' }, valid: true },
    { entry: { fingerprint: '3f9c2a1b7d4e', policy: 'p', resource: 'f/Service/ns/web', by: 'a@b', reason: 'r', expires: '2026-12-31' }, valid: true },
    { entry: { policy: 'p', resource: 'f/Deployment/ns/x', by: 'a', reason: 'r', expires: '2027-01-31' }, valid: true },
    { entry: { policy: 'p', resource: 'f/Deployment/ns/x', by: 'a', reason: 'r' }, valid: false },
    { entry: { fingerprint: '3f9c2a1b7d4e', reason: 'r' }, valid: false },
    { entry: { fingerprint: '3f9c2a1b7d4e', by: 'a' }, valid: false },
    { entry: { fingerprint: 'XYZ', by: 'a', reason: 'r' }, valid: false },
    { entry: { fingerprint: '3f9c2a1b7d4e', by: 'a', reason: 'r', approver: 'x' }, valid: false },
    { entry: { fingerprint: '3f9c2a1b7d4e', by: 'a', reason: 'r', expires: 'soon' }, valid: false },
    { entry: { fingerprint: '3f9c2a1b7d4e', by: 'a', reason: 'r', expires: '2026-12-31T10:00:00Z' }, valid: true },
    { entry: { fingerprint: '3f9c2a1b7d4e', by: '  ', reason: 'r' }, valid: false },
    { entry: { fingerprint: '3f9c2a1b7d4e', by: 'a', reason: '' }, valid: false },
    { entry: { fingerprint: null, by: 'a', reason: 'r' }, valid: false },
    { entry: { policy: 'p', resource: 'f/Deployment/ns/x', by: 'a', reason: 'r', expires: '2027-01-31T10:00' }, valid: true },
    { entry: { resource: 'f/Deployment/ns/x', by: 'a', reason: 'r', expires: '2027-01-31' }, valid: false },
    { entry: { policy: 'p', by: 'a', reason: 'r', expires: '2027-01-31' }, valid: false },
  ];
  // parseApprovals checks the structure with the published schema through core's schema checker:
  // ajv (what editors use) and that checker must agree on it
  it.each(entries)('approvals schema and parseApprovals agree: $entry → $valid', ({ entry, valid }) => {
    const text = `- ${Object.entries(entry)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n  ')}\n`;
    expect(validator('approvals.schema.json')(parse(text)), 'schema').toBe(valid);
    const parsed = parseApprovals('approvals.yaml', text);
    expect(parsed.diagnostics.length === 0 && parsed.approvals.length === 1, 'parseApprovals').toBe(valid);
  });
});
