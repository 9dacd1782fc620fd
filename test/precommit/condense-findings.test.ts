import { describe, expect, it } from 'vitest';
import { condenseFindings } from '../../src/cli/condense-findings.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/core/report.js';

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

const report = (findings: Finding[]): Report => ({
  version: 1,
  tool: { name: 'copperplate', version: '0' },
  summary: { formations: 3, resources: 3, errors: findings.length, warnings: 0, signoffsRequired: 0, approved: 0 },
  diagnostics: [],
  findings,
});

describe('condenseFindings (precommit text output)', () => {
  it('merges one stencil problem shared by several formations, keeping the summary', () => {
    const input = report([
      finding({ formation: 'canary', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop-canary', name: 'web' } }),
      finding({ formation: 'production' }),
      finding({ formation: 'staging', line: 20 }),
    ]);
    const out = condenseFindings(input);
    expect(out.summary).toEqual(input.summary);
    expect(out.findings.map((f) => [f.formation, f.line, f.resource.namespace])).toEqual([
      ['canary, production', 16, undefined],
      ['staging', 20, 'shop'],
    ]);
  });

  it('keeps the namespace when every merged finding shares it', () => {
    const out = condenseFindings(report([finding({ formation: 'a' }), finding({ formation: 'b' })]));
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]!.resource.namespace).toBe('shop');
  });

  it('never merges sign-offs (each formation is approved on its own) or different messages', () => {
    const out = condenseFindings(
      report([
        finding({ formation: 'a', severity: 'signoff', fingerprint: '111111111111' }),
        finding({ formation: 'b', severity: 'signoff', fingerprint: '222222222222' }),
        finding({ formation: 'a', message: 'other' }),
        finding({ formation: 'b' }),
      ]),
    );
    expect(out.findings).toHaveLength(4);
  });
});
