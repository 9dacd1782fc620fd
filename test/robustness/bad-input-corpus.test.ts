import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { memoryIO } from '../support/memory-io.js';
import { STACK_TRACE } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';

/**
 * Hostile and careless input, one small project per case, as a careless user or an attacker
 * would write it. Every case must end with exit 2, a diagnostic with its code at
 * file:line:column, no stack trace, nothing on stdout, and within seconds (the per-test
 * timeout; memory stays bounded because every limit is checked before anything is expanded).
 */

/** Relative path → content; `undefined` leaves out a file of the base project; `{ link }` is a symbolic link. */
type Files = Record<string, string | Buffer | undefined | { link: string }>;

interface Case {
  name: string;
  files: Files;
  argv?: readonly string[];
  stdin?: string;
  code: string;
  /** `file:line:column` (a regex source) that the diagnostic must carry. */
  at: string;
}

const STENCIL = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n';
const FORMATION = 'environment: dev\nvalues:\n  name: app\n';
const RENDER = ['render', 'dev', '--secrets', 'redact', '--no-check'];

/** An alias bomb: 7 levels of 9 aliases each (about 4.8 million nodes once expanded), 350 bytes. */
function bomb(indent: string): string {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  return names
    .map((n, i) => `${indent}${n}: &${n} [${Array.from({ length: 9 }, () => (i === 0 ? '"x"' : `*${names[i - 1]}`)).join(', ')}]\n`)
    .join('');
}

/** Line and column of the first `needle` in `text`, as the regex source `line:column`. */
function position(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

const bombStencil = `${STENCIL}data:\n${bomb('  ')}`;
const bombFormation = `${FORMATION}${bomb('  ')}`;
const bombValues = bomb('');
const selfAlias = `${STENCIL}data:\n  a: &a [x, *a]\n`;
const deepFlow = `${STENCIL}data:\n  a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
const deepBlock = `${STENCIL}data:\n  a:\n${'    '}${'- '.repeat(10_000)}x\n`;
const deepMap = `${STENCIL}data:\n${Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 * i + 2)}k:\n`).join('')}`;
const binary = (before: string, after: string) => Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);
const crd = (schema: string) =>
  `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  group: example.com\n  names: { kind: Thing, plural: things, singular: thing, listKind: ThingList }\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n${schema}`;

const CASES: Case[] = [
  { name: 'alias bomb in a stencil', files: { 'stencils/a.yaml': bombStencil }, code: 'YAML_LIMIT', at: `stencils/a.yaml:${position(bombStencil, '*e')}` },
  { name: 'alias bomb in a formation', files: { 'formations/dev.yaml': bombFormation }, code: 'YAML_LIMIT', at: `formations/dev.yaml:${position(bombFormation, '*e')}` },
  { name: 'alias bomb in a layer', files: { 'formations/dev.yaml': `extends: _l.yaml\n${FORMATION}`, 'formations/_l.yaml': `values:\n${bomb('  ')}` }, code: 'YAML_LIMIT', at: 'formations/_l.yaml:7:\\d+' },
  { name: 'alias bomb in --values', files: { 'v.yaml': bombValues }, argv: [...RENDER, '--values', 'v.yaml'], code: 'YAML_LIMIT', at: `v.yaml:${position(bombValues, '*e')}` },
  { name: 'alias bomb on stdin to validate', files: {}, argv: ['validate', '-'], stdin: `kind: ConfigMap\n${bombValues}`, code: 'YAML_LIMIT', at: '<stdin>:7:\\d+' },
  { name: 'alias bomb in a validated file', files: { 'm.yaml': `kind: ConfigMap\n${bombValues}` }, argv: ['validate', 'm.yaml'], code: 'YAML_LIMIT', at: 'm.yaml:7:\\d+' },
  { name: 'alias bomb in copperplate.yaml', files: { 'copperplate.yaml': `schemaLocations:\n${bomb('  - ').replace(/: &/g, '_: &')}` }, code: 'YAML_LIMIT', at: 'copperplate.yaml:7:\\d+' },
  { name: 'alias bomb in approvals.yaml', files: { 'approvals.yaml': `- x: 1\n${bomb('  ')}` }, argv: ['check'], code: 'YAML_LIMIT', at: 'approvals.yaml:7:\\d+' },
  { name: 'alias bomb in a CRD', files: { 'crds/thing.yaml': crd(`          type: object\n${bomb('          x-')}`) }, argv: ['check'], code: 'YAML_LIMIT', at: 'crds/thing.yaml:\\d+:\\d+' },
  { name: 'alias that contains itself', files: { 'stencils/a.yaml': selfAlias }, code: 'YAML_SYNTAX', at: `stencils/a.yaml:${position(selfAlias, '*a')}` },
  { name: '10,000-deep flow nesting', files: { 'stencils/a.yaml': deepFlow }, code: 'YAML_LIMIT', at: 'stencils/a.yaml:6:\\d+' },
  { name: '10,000-deep block sequence', files: { 'stencils/a.yaml': deepBlock }, code: 'YAML_LIMIT', at: 'stencils/a.yaml:7:\\d+' },
  { name: '400-deep block mapping', files: { 'stencils/a.yaml': deepMap }, code: 'YAML_LIMIT', at: 'stencils/a.yaml:\\d+:\\d+' },
  { name: '10,000-deep nesting in a formation', files: { 'formations/dev.yaml': `${FORMATION}  deep: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n` }, code: 'YAML_LIMIT', at: 'formations/dev.yaml:4:\\d+' },
  { name: '--values file over the size limit', files: { 'v.yaml': `name: x\n# ${'x'.repeat(9 * 1024 * 1024)}\n` }, argv: [...RENDER, '--values', 'v.yaml'], code: 'YAML_LIMIT', at: 'v.yaml:1:1' },
  { name: 'stencil over the size limit', files: { 'stencils/a.yaml': `${STENCIL}# ${'x'.repeat(9 * 1024 * 1024)}\n` }, code: 'FILE_UNREADABLE', at: 'stencils/a.yaml:1:1' },
  { name: 'invalid UTF-8 in a formation value', files: { 'formations/dev.yaml': binary('environment: dev\nvalues:\n  name: caf', '\n') }, code: 'ENCODING_INVALID', at: 'formations/dev.yaml:3:12' },
  { name: 'invalid UTF-8 in a stencil', files: { 'stencils/a.yaml': binary(`${STENCIL}data:\n  k: "`, '"\n') }, code: 'ENCODING_INVALID', at: 'stencils/a.yaml:6:7' },
  { name: 'invalid UTF-8 in --values', files: { 'v.yaml': binary('name: ', '\n') }, argv: [...RENDER, '--values', 'v.yaml'], code: 'ENCODING_INVALID', at: 'v.yaml:1:7' },
  { name: 'invalid UTF-8 in a validated file', files: { 'm.yaml': binary('kind: ConfigMap\nmetadata:\n  name: ', '\n') }, argv: ['validate', 'm.yaml'], code: 'ENCODING_INVALID', at: 'm.yaml:3:9' },
  { name: 'invalid UTF-8 in copperplate.yaml', files: { 'copperplate.yaml': binary('kubernetesVersion: "1.3', '"\n') }, code: 'ENCODING_INVALID', at: 'copperplate.yaml:1:24' },
  { name: 'invalid UTF-8 in approvals.yaml', files: { 'approvals.yaml': binary('- by: ', '\n') }, argv: ['check'], code: 'ENCODING_INVALID', at: 'approvals.yaml:1:7' },
  { name: 'invalid UTF-8 in values.schema.json', files: { 'formations/values.schema.json': binary('{\n  "title": "', '"\n}\n') }, code: 'ENCODING_INVALID', at: 'formations/values.schema.json:2:13' },
  { name: 'a truncated UTF-8 sequence at the end', files: { 'formations/dev.yaml': Buffer.concat([Buffer.from(`${FORMATION}# €`), Buffer.from([0xe2, 0x82])]) }, code: 'ENCODING_INVALID', at: 'formations/dev.yaml:4:4' },
  { name: 'an unknown tag in a stencil', files: { 'stencils/a.yaml': `${STENCIL}data:\n  k: !foo x\n` }, code: 'YAML_TAG_UNKNOWN', at: 'stencils/a.yaml:6:6' },
  { name: 'an unknown tag in a formation', files: { 'formations/dev.yaml': `${FORMATION}  x: !env HOME\n` }, code: 'YAML_TAG_UNKNOWN', at: 'formations/dev.yaml:4:6' },
  { name: 'a YAML 1.1 timestamp tag', files: { 'stencils/a.yaml': `${STENCIL}data:\n  k: !!timestamp 2001-12-14\n` }, code: 'YAML_TAG_UNKNOWN', at: 'stencils/a.yaml:6:6' },
  { name: 'a set tag', files: { 'stencils/a.yaml': `${STENCIL}data: !!set { a, b }\n` }, code: 'YAML_TAG_UNKNOWN', at: 'stencils/a.yaml:5:7' },
  { name: 'an int tag on text', files: { 'stencils/a.yaml': `${STENCIL}spec:\n  replicas: !!int three\n` }, code: 'YAML_TAG_UNKNOWN', at: 'stencils/a.yaml:6:13' },
  { name: '!!binary that is not base64', files: { 'stencils/a.yaml': `${STENCIL}data:\n  k: !!binary not*base64\n` }, code: 'YAML_TAG_INVALID', at: 'stencils/a.yaml:6:6' },
  { name: 'a backtracking values-schema pattern against a long value', files: { 'formations/values.schema.json': '{ "properties": { "name": { "pattern": "^(a+)+$" } } }', 'formations/dev.yaml': `environment: dev\nvalues:\n  name: ${'a'.repeat(40)}!\n` }, code: 'VALUES_SCHEMA', at: 'formations/dev.yaml:3:9' },
  { name: 'a values-schema pattern RE2 cannot run', files: { 'formations/values.schema.json': '{\n  "properties": {\n    "name": { "pattern": "^(?=a)\\\\w+$" }\n  }\n}\n' }, code: 'PATTERN_INVALID', at: 'formations/values.schema.json:3:26' },
  { name: 'a CRD pattern RE2 cannot run', files: { 'crds/thing.yaml': crd('          type: object\n          properties:\n            a: { type: string, pattern: "(a)\\\\1" }\n') }, argv: ['check'], code: 'PATTERN_INVALID', at: 'crds/thing.yaml:17:41' },
  { name: 'a CRD without a kind', files: { 'crds/thing.yaml': crd('          type: object\n').replace('kind: Thing, ', '') }, argv: ['check'], code: 'CRD_INVALID', at: 'crds/thing.yaml:7:\\d+' },
  { name: 'a CRD whose schema is a string', files: { 'crds/thing.yaml': crd('').replace('        openAPIV3Schema:\n', '        openAPIV3Schema: yes\n') }, argv: ['check'], code: 'CRD_INVALID', at: 'crds/thing.yaml:\\d+:\\d+' },
  { name: 'something other than a CRD in crds/', files: { 'crds/thing.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' }, argv: ['check'], code: 'CRD_INVALID', at: 'crds/thing.yaml:2:1' },
  { name: 'the same resource from two stencils', files: { 'stencils/b.yaml': STENCIL }, code: 'RESOURCE_DUPLICATE', at: 'stencils/b.yaml:4:9' },
  { name: 'the same resource twice in one stencil', files: { 'stencils/a.yaml': `${STENCIL}---\n${STENCIL.replace('${name}', 'app')}` }, code: 'RESOURCE_DUPLICATE', at: 'stencils/a.yaml:9:9' },
  { name: 'a dangling stencil', files: { 'stencils/b.yaml': { link: 'gone.yaml' } }, code: 'FILE_UNREADABLE', at: 'stencils/b.yaml:1:1' },
  { name: 'a dangling stencil in a subdirectory', files: { 'stencils/sub/c.yaml': { link: '/nonexistent/c.yaml' } }, code: 'FILE_UNREADABLE', at: 'stencils/sub/c.yaml:1:1' },
  { name: 'a dangling values.schema.json', files: { 'formations/values.schema.json': { link: 'gone.json' } }, code: 'FILE_UNREADABLE', at: 'formations/values.schema.json:1:1' },
  { name: 'a dangling copperplate.yaml', files: { 'copperplate.yaml': { link: 'gone.yaml' } }, code: 'FILE_UNREADABLE', at: 'copperplate.yaml:1:1' },
  { name: 'a dangling approvals.yaml', files: { 'approvals.yaml': { link: 'gone.yaml' } }, argv: ['check'], code: 'FILE_UNREADABLE', at: 'approvals.yaml:1:1' },
  { name: 'a project without formations', files: { 'formations/dev.yaml': undefined }, argv: ['check'], code: 'NO_FORMATIONS', at: 'formations:1:1' },
  { name: 'a --values file that sets a reserved root', files: { 'v.yaml': 'name: x\nsecrets: { token: y }\n' }, argv: [...RENDER, '--values', 'v.yaml'], code: 'VALUES_INVALID', at: 'v.yaml:2:1' },
  { name: 'a carriage return inside an allowed-signers line', files: { 'copperplate.yaml': 'approvalSigning:\n  allowedSigners: allowed_signers\n', allowed_signers: 'ops@example.com\r ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n' }, argv: ['check'], code: 'ALLOWED_SIGNERS_INVALID', at: 'allowed_signers:1:16' },
  { name: 'a missing --baseline-dir', files: {}, argv: ['check', '--baseline-dir', '/nonexistent'], code: 'BASELINE_NOT_FOUND', at: '--baseline-dir:1:1' },
];

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function project(files: Files): string {
  const t = tempDir();
  cleanups.push(t.remove);
  const all: Files = { 'stencils/a.yaml': STENCIL, 'formations/dev.yaml': FORMATION, ...files };
  for (const [rel, content] of Object.entries(all)) {
    if (content === undefined) continue;
    fs.mkdirSync(path.dirname(path.join(t.dir, rel)), { recursive: true });
    if (typeof content === 'object' && 'link' in content) fs.symlinkSync(content.link, path.join(t.dir, rel));
    else fs.writeFileSync(path.join(t.dir, rel), content);
  }
  return t.dir;
}

async function cli(dir: string, argv: readonly string[], stdin?: string) {
  const io = memoryIO(stdin === undefined ? { cwd: dir } : { cwd: dir, stdin });
  const code = await run(argv, io);
  return { code, stdout: io.out, stderr: io.err };
}

export const CORPUS_SIZE = CASES.length;

describe('bad-input corpus', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: exit 2, located diagnostic, no stack, nothing on stdout', async (_name, c) => {
    const dir = project(c.files);
    const argv = c.argv ?? RENDER;
    const r = await cli(dir, argv, c.stdin);
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(STACK_TRACE);
    expect(out).not.toContain('INTERNAL_ERROR');
    expect(out).not.toContain('Maximum call stack');
    // render writes manifests to stdout, so nothing may be there; check and validate print their report there
    if (argv[0] === 'render') expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(out).toMatch(new RegExp(`${c.at.replace(/\./g, '\\.')}\\b.*\\b${c.code}\\b|${c.code}\\b[^\\n]*\\n?[^\\n]*${c.at}`));
  }, 20_000);
});
