import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as copperplate from '../../src/index.js';
import { demoRepo } from '../support/demo-repo.js';

/**
 * The library never exits the process, reads its argv or writes to the console or the process
 * streams (SPEC §9), on good input and on bad. Each is replaced by a recorder while the library
 * runs; vitest's own bookkeeping happens outside those windows.
 */
const touched: string[] = [];
const restore: (() => void)[] = [];

/** The frame that touched the trapped property (above caller → record → the trap itself). */
function caller(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(4);
  return frames.find((f) => !f.includes('node:internal')) ?? '';
}

/**
 * Replaces `target[key]` by a recorder. `ownCodeOnly`: record only accesses from copperplate's
 * code, not from a dependency's feature detection (Babel's bundled supports-color reads argv
 * when jiti first transpiles a policy; that is not the library reading its arguments).
 */
function trap<T extends object>(target: T, key: keyof T & string, label: string, ownCodeOnly = false): void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  // methods inherited from a prototype (stream.write) are shadowed, then the shadow removed
  const original: PropertyDescriptor = own ?? { configurable: true, writable: true, value: target[key] };
  const record = () => {
    const at = caller();
    if (ownCodeOnly && at.includes('/node_modules/')) return;
    touched.push(process.env['PURITY_TRACE'] ? `${label} ${at.trim()}` : label);
  };
  const value = (original.get ? original.get.call(target) : original.value) as unknown;
  if (typeof value === 'function' && !original.get) {
    Object.defineProperty(target, key, {
      configurable: true,
      writable: true,
      value(...args: unknown[]) {
        record();
        // exit must not happen even if called: recorded, not performed
        return key === 'exit' ? undefined : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
  } else {
    Object.defineProperty(target, key, {
      configurable: true,
      get() {
        record();
        return original.get ? original.get.call(target) : original.value;
      },
    });
  }
  restore.push(() => {
    if (own) Object.defineProperty(target, key, own);
    else delete (target as Record<string, unknown>)[key];
  });
}

/** Runs `fn` with process.exit/argv, console.* and process.stdout/stderr writes trapped. */
async function untouched<T>(fn: () => Promise<T>): Promise<{ value: T; touched: string[] }> {
  touched.length = 0;
  trap(process, 'exit', 'process.exit');
  trap(process, 'argv', 'process.argv', true);
  trap(process.stdout, 'write', 'process.stdout.write');
  trap(process.stderr, 'write', 'process.stderr.write');
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const) trap(console, m, `console.${m}`);
  const exitCode = process.exitCode;
  try {
    const value = await fn();
    // not configurable in Node 20, so compared instead of trapped
    if (process.exitCode !== exitCode) touched.push('process.exitCode (assigned)');
    return { value, touched: [...touched] };
  } finally {
    for (const r of restore.splice(0).reverse()) r();
  }
}

const FIXED_NOW = () => new Date('2026-06-01T00:00:00Z');

describe('the library touches no process globals and no console', () => {
  beforeEach(() => {
    touched.length = 0;
  });
  afterEach(() => {
    for (const r of restore.splice(0).reverse()) r();
  });

  it('the recorder sees what it guards against (control)', async () => {
    const { touched } = await untouched(async () => {
      console.log('x');
      process.stderr.write('');
      process.exit(3);
      return process.argv.length;
    });
    expect(touched).toEqual(['console.log', 'process.stderr.write', 'process.exit', 'process.argv']);
  });

  it('loadProject, render, check (with a git baseline), validate and every report format on the demo', async () => {
    const demo = demoRepo();
    const { value, touched } = await untouched(async () => {
      const project = await copperplate.loadProject({ root: demo.dir });
      const rendered = await copperplate.render(project, { formations: ['staging'], now: FIXED_NOW });
      const checked = await copperplate.check(project, { baseline: { ref: 'HEAD' }, now: FIXED_NOW });
      const validated = await copperplate.validate(project, {
        inputs: [{ file: 'staging.yaml', text: rendered.manifests.get('staging') ?? '' }],
        now: FIXED_NOW,
      });
      const reports = copperplate.REPORT_FORMATS.map((f) => copperplate.formatReport(checked.report, f, { color: false }));
      return { rendered, checked, validated, reports };
    });
    expect(touched).toEqual([]);
    expect(value.rendered.report.exitCode).toBe(0);
    expect(value.checked.report.exitCode).toBe(0);
    expect(value.checked.report.summary.formations).toBeGreaterThan(1);
    expect(value.validated.report.summary.resources).toBeGreaterThan(0);
    expect(value.reports.every((r) => r.length > 0)).toBe(true);
    demo.remove();
  });

  const broken: { name: string; files: Record<string, string>; formations?: string[] }[] = [
    { name: 'YAML syntax error', files: { 'stencils/a.yaml': 'kind: [\n', 'formations/f.yaml': 'environment: f\n' } },
    { name: 'undefined placeholder', files: { 'stencils/a.yaml': 'kind: ConfigMap\nmetadata:\n  name: ${nope}\n', 'formations/f.yaml': 'environment: f\n' } },
    { name: 'unknown formation', files: { 'stencils/a.yaml': 'kind: ConfigMap\n', 'formations/f.yaml': 'environment: f\n' }, formations: ['missing'] },
    { name: 'invalid config', files: { 'copperplate.yaml': 'strictt: true\n', 'stencils/a.yaml': 'kind: ConfigMap\n' } },
    {
      name: 'secret that cannot resolve',
      files: {
        'stencils/a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: ${secrets.k}\n',
        'formations/f.yaml': 'environment: f\nsecrets:\n  k: env:NOT_SET_ANYWHERE\n',
      },
    },
    { name: 'no project at all', files: {} },
  ];

  it.each(broken)('broken input ($name): diagnostics and exit 2, never an exit, argv read or console write', async ({ files, formations }) => {
    const root = path.resolve('/library-purity');
    const fs = copperplate.memoryFs(Object.fromEntries(Object.entries(files).map(([rel, text]) => [path.join(root, rel), text])));
    const { value, touched } = await untouched(async () => {
      const project = await copperplate.loadProject({ root, fs });
      const options = { env: {}, now: FIXED_NOW, ...(formations ? { formations } : {}) };
      const rendered = await copperplate.render(project, { ...options, secrets: 'resolve' });
      const checked = await copperplate.check(project, options);
      const validated = await copperplate.validate(project, { inputs: [{ file: 'x.yaml', text: 'kind: [\n' }], now: FIXED_NOW });
      const text = copperplate.formatReport(checked.report, 'text', { color: false });
      return { rendered, checked, validated, text };
    });
    expect(touched).toEqual([]);
    expect(value.rendered.report.exitCode).toBe(2);
    expect(value.rendered.manifests.size).toBe(0);
    expect(value.validated.report.exitCode).toBe(2);
    expect(value.rendered.report.diagnostics.length).toBeGreaterThan(0);
  });

  it('a policy that throws is a POLICY_ERROR diagnostic, not a crash or a console write', async () => {
    const root = path.resolve('/library-purity-policy');
    const fs = copperplate.memoryFs({
      [path.join(root, 'stencils/a.yaml')]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      [path.join(root, 'formations/f.yaml')]: 'environment: f\n',
      [path.join(root, 'policies/boom.ts')]: '// loaded by the injected loader below\n',
    });
    const policyLoader: copperplate.PolicyLoader = async () => ({
      policies: [
        {
          ...copperplate.definePolicy({
            id: 'boom',
            title: 'throws',
            severity: 'error',
            check() {
              throw new Error('kaboom');
            },
          }),
          file: 'policies/boom.ts',
          builtin: false,
        } as copperplate.LoadedPolicy,
      ],
      diagnostics: [],
    });
    const { value, touched } = await untouched(async () => {
      const project = await copperplate.loadProject({ root, fs });
      return copperplate.check(project, { policyLoader, now: FIXED_NOW });
    });
    expect(touched).toEqual([]);
    expect(value.report.exitCode).toBe(2);
    expect(value.report.diagnostics.map((d) => d.code)).toContain('POLICY_ERROR');
  });
});
