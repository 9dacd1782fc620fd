import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import type { Report } from '../../src/core/report.js';
import { REPORT_FORMATS, formatReport } from '../../src/report/index.js';
import { OPTIONS } from './representative-report.js';

const MASK = '••••••';

/** A report as the engine builds it for a secret: the value is already the mask or a stand-in. */
function reportWithMaskedSecret(): Report {
  const diagnostics = [
    { code: 'SECRET_TYPE' as const, severity: 'error' as const, message: `secret db-password (${MASK}) is not a string`, file: 'stencils/web.yaml', line: 3, column: 5, formation: 'prod' },
  ];
  const findings = [
    {
      policy: 'no-plain-env',
      severity: 'signoff' as const,
      message: `env DB_PASSWORD changes from ${MASK} to ${MASK}`,
      formation: 'prod',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      path: 'spec.template.spec.containers[0].env[0].value',
      file: 'stencils/web.yaml',
      line: 20,
      column: 18,
      fingerprint: '0123456789ab',
      from: '(secret:db-password)',
      to: MASK,
    },
  ];
  return buildReport({ toolVersion: '0.1.0', formations: 1, resources: 1, diagnostics, findings });
}

describe('secrets in reports', () => {
  it.each(REPORT_FORMATS)('%s passes the mask through unchanged and re-expands nothing', (format) => {
    const out = formatReport(reportWithMaskedSecret(), format, { ...OPTIONS, readSource: () => undefined });
    expect(out).toContain(`from ${MASK} to ${MASK}`);
    expect(out).toContain(`(${MASK})`);
    // Nothing but the masks and the stand-in's name: no escaped or encoded form of the mask either.
    expect(out).not.toMatch(/\\u2022|&#|%E2%80%A2/i);
  });

  it('json carries stand-ins as they are', () => {
    expect(formatReport(reportWithMaskedSecret(), 'json', OPTIONS)).toContain('"from": "(secret:db-password)"');
  });
});
