import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import type { Report } from '../../src/core/report.js';
import { formatReport } from '../../src/report/index.js';
import { changeLoadBalancerIp, demoRepo } from '../support/demo-repo.js';
import { runCli } from '../support/run-cli.js';
import { OPTIONS, representativeReport } from './representative-report.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true }).compile(schema);

function emptyReport(): Report {
  return buildReport({ toolVersion: '0.1.0', formations: 0, resources: 0, diagnostics: [], findings: [] });
}

describe('json report', () => {
  it.each([
    ['representative', representativeReport()],
    ['empty', emptyReport()],
  ])('%s report validates against schemas/report.schema.json', (_name, report) => {
    const json: unknown = JSON.parse(formatReport(report, 'json', OPTIONS));
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('keeps the SPEC §7.1 key order', () => {
    const json = JSON.parse(formatReport(representativeReport(), 'json', OPTIONS)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'tool', 'exitCode', 'summary', 'diagnostics', 'findings']);
    expect(Object.keys(json['summary'] as object)).toEqual(['formations', 'resources', 'errors', 'warnings', 'signoffsRequired', 'approved', 'blocking']);
    const signoff = (json['findings'] as Record<string, unknown>[]).find((f) => f['fingerprint'] === '3f9c2a1b7d4e');
    expect(Object.keys(signoff ?? {})).toEqual([
      'policy', 'severity', 'message', 'formation', 'resource', 'path', 'file', 'line', 'column',
      'valueSource', 'fingerprint', 'approved', 'blocking', 'remediation', 'from', 'to',
    ]);
    expect(signoff?.['valueSource']).toEqual({ file: 'formations/production-aws.yaml', line: 9, column: 9 });
  });

  it('lists the checked formations with their Kubernetes version after the summary, valid against the schema', () => {
    const report: Report = {
      ...emptyReport(),
      formations: [
        { name: 'legacy', environment: 'production', kubernetesVersion: '1.24', context: 'old', namespace: 'shop', resources: 3 },
        { name: 'web', environment: 'web', kubernetesVersion: '1.31', resources: 0 },
      ],
    };
    const json = JSON.parse(formatReport(report, 'json', OPTIONS)) as Record<string, unknown>;
    expect(validate(json)).toBe(true);
    expect(Object.keys(json)).toEqual(['version', 'tool', 'exitCode', 'summary', 'formations', 'diagnostics', 'findings']);
    expect(json['formations']).toEqual(report.formations);
  });

  it('uses 2-space indentation and ends with a newline', () => {
    const out = formatReport(emptyReport(), 'json', OPTIONS);
    expect(out.startsWith('{\n  "version": 1,\n')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('always states approved, false by default', () => {
    const json = JSON.parse(formatReport(representativeReport(), 'json', OPTIONS)) as { findings: { approved: unknown }[] };
    expect(json.findings.every((f) => typeof f.approved === 'boolean')).toBe(true);
  });

  it.each([
    ['version 2', (r: Record<string, unknown>) => (r['version'] = 2)],
    ['missing findings', (r: Record<string, unknown>) => delete r['findings']],
    ['negative count', (r: Record<string, unknown>) => ((r['summary'] as Record<string, unknown>)['errors'] = -1)],
    ['bad severity', (r: Record<string, unknown>) => ((r['diagnostics'] as Record<string, unknown>[])[0]!['severity'] = 'fatal')],
    ['bad fingerprint', (r: Record<string, unknown>) => ((r['findings'] as Record<string, unknown>[])[0]!['fingerprint'] = 'XYZ')],
  ])('the schema rejects %s', (_name, spoil) => {
    const json = JSON.parse(formatReport(representativeReport(), 'json', OPTIONS)) as Record<string, unknown>;
    (json['findings'] as Record<string, unknown>[])[0]!['fingerprint'] ??= 'abcdefabcdef';
    expect(validate(json)).toBe(true);
    spoil(json);
    expect(validate(json)).toBe(false);
  });
});

describe('json report of a run with a baseline', () => {
  it('names the baseline and carries per-resource diffs (secrets masked), valid against the schema', async () => {
    const repo = demoRepo();
    try {
      const change = changeLoadBalancerIp(repo, '203.0.113.99');
      const run = await runCli(['check', '--baseline', 'HEAD', '--format', 'json'], repo.dir);
      expect(run.code).toBe(1);
      const json = JSON.parse(run.stdout) as { baseline: unknown; diffs: { formation: string; resource: { kind: string }; changes: unknown[] }[] };
      expect(validate(json)).toBe(true);
      expect(json.baseline).toEqual({ ref: 'HEAD' });
      expect(json.diffs).toEqual([
        expect.objectContaining({
          status: 'changed',
          formation: 'production-aws',
          resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
          changes: [{ kind: 'changed', path: 'spec.loadBalancerIP', from: change.from, to: change.to, file: 'stencils/web/service.yaml', line: 9, column: 19 }],
        }),
      ]);
      const plain = await runCli(['check', '--format', 'json'], repo.dir);
      expect(Object.keys(JSON.parse(plain.stdout) as object)).not.toContain('diffs');
    } finally {
      repo.remove();
    }
  });
});
