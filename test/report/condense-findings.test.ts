import { describe, expect, it } from 'vitest';
import { condenseFindings } from '../../src/report/condense-findings.js';
import type { Finding } from '../../src/core/finding.js';
import { buildReport, type Report } from '../../src/core/report.js';

const finding = (over: Partial<Finding>): Finding => ({
  policy: 'no-latest-tag',
  severity: 'error',
  message: 'container web uses nginx:latest',
  formation: 'staging',
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
  path: 'spec.template.spec.containers[0].image',
  file: 'stencils/web.yaml',
  line: 16,
  column: 18,
  ...over,
});

const report = (findings: Finding[]): Report => buildReport({ toolVersion: '0', formations: 3, resources: 3, diagnostics: [], findings });

describe('condenseFindings (precommit text output)', () => {
  it('merges one stencil problem shared by several formations', () => {
    const input = report([
      finding({ formation: 'canary', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop-canary', name: 'web' } }),
      finding({ formation: 'production' }),
      finding({ formation: 'staging', line: 20 }),
    ]);
    const out = { findings: condenseFindings(input.findings) };
    expect(out.findings.map((f) => [f.formation, f.line, f.resource.namespace])).toEqual([
      ['canary, production', 16, undefined],
      ['staging', 20, 'shop'],
    ]);
  });

  it('keeps the namespace when every merged finding shares it', () => {
    const out = { findings: condenseFindings(report([finding({ formation: 'a' }), finding({ formation: 'b' })]).findings) };
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]!.resource.namespace).toBe('shop');
  });

  it('never merges sign-offs (each formation is approved on its own) or different messages', () => {
    const out = { findings: condenseFindings(
      report([
        finding({ formation: 'a', severity: 'signoff', fingerprint: '111111111111' }),
        finding({ formation: 'b', severity: 'signoff', fingerprint: '222222222222' }),
        finding({ formation: 'a', message: 'other' }),
        finding({ formation: 'b' }),
      ]).findings,
    ) };
    expect(out.findings).toHaveLength(4);
  });
});
