import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, loadProject } from '../../src/index.js';
import { tempProject } from '../support/temp-project.js';

// The check pipeline with waivers the rules refuse (SPEC §5.4, issue 10): a waiver of the
// sign-off policy lb-ip-change, and waivers further ahead than maxWaiverDays.

const service = (ip: string) =>
  ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  namespace: shop', 'spec:', '  type: LoadBalancer', `  loadBalancerIP: ${ip}`, '  selector: { app: web }', '  ports:', '    - port: 80', ''].join('\n');

const debugShell = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: debug', '  namespace: shop', 'spec:', '  containers:', '    - name: sh', '      image: busybox:latest', ''].join('\n');

async function checkWith(approvals: string, config = '') {
  const project = tempProject({
    'copperplate.yaml': `kubernetesVersion: "1.31"\nbuiltinPolicies: [lb-ip-change, no-latest-tag]\n${config}`,
    'stencils/lb.yaml': service('${lbIp}'),
    'stencils/debug.yaml': debugShell,
    'formations/production.yaml': 'environment: production\ndestination: { context: prod, namespace: shop }\nvalues:\n  lbIp: 203.0.113.99\n',
    'baseline/production.yaml': `${service('203.0.113.10')}---\n${debugShell}`,
    'approvals.yaml': approvals,
  });
  try {
    const loaded = await loadProject({ root: project.dir });
    return await check(loaded, { baseline: { dir: path.join(project.dir, 'baseline') }, now: () => new Date('2026-11-30T09:00:00Z') });
  } finally {
    project.remove();
  }
}

const waiver = (policy: string, resource: string, expires: string) =>
  `# waivers\n- policy: ${policy}\n  resource: ${resource}\n  by: lead@example.com\n  reason: "standing approval"\n  expires: ${expires}\n`;

const latestWaiver = (expires: string) => waiver('no-latest-tag', 'production/Pod/shop/debug', expires);

describe('check with waivers the rules refuse', () => {
  it('a waiver of lb-ip-change until 9999-12-31 approves no IP change: APPROVAL_INVALID at the entry, exit 2', async () => {
    const r = await checkWith(waiver('lb-ip-change', 'production/Service/shop/web', '9999-12-31') + latestWaiver('2026-12-31').replace('# waivers\n', ''));
    expect(r.report.findings.find((f) => f.policy === 'lb-ip-change')).toMatchObject({ severity: 'signoff', approved: false });
    expect(r.report.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['APPROVAL_INVALID', 'error', 'approvals.yaml', 2, 3]]);
    expect(r.report.diagnostics[0]?.hint).toMatch(/copperplate approve [0-9a-f]{12}/);
    expect(r.report.exitCode).toBe(2);
  });

  it('is refused while no change is open too (lb-ip-change is a sign-off policy)', async () => {
    const r = await checkWith(waiver('lb-ip-change', 'production/Service/shop/other', '2026-12-01'));
    expect(r.report.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['APPROVAL_INVALID', 2, 3]]);
    expect(r.report.exitCode).toBe(2);
  });

  it.each<[string, string, string, boolean]>([
    ['default 90: the last allowed day', '', '2027-02-28', true],
    ['default 90: one day more', '', '2027-03-01', false],
    ['maxWaiverDays 400 allows a year', 'maxWaiverDays: 400\n', '2027-11-30', true],
    ['maxWaiverDays 7', 'maxWaiverDays: 7\n', '2026-12-08', false],
  ])('maxWaiverDays, %s (%s)', async (_name, config, expires, allowed) => {
    const r = await checkWith(latestWaiver(expires), config);
    const latest = r.report.findings.find((f) => f.policy === 'no-latest-tag');
    expect(latest?.approved).toBe(allowed);
    const invalid = r.report.diagnostics.filter((d) => d.code === 'APPROVAL_INVALID').map((d) => [d.file, d.line, d.column]);
    expect(invalid).toEqual(allowed ? [] : [['approvals.yaml', 6, 12]]);
    expect(r.report.exitCode).toBe(allowed ? 1 : 2); // the IP change still waits for its sign-off
  });

  it('maxWaiverDays below 0 is a config error at its value', async () => {
    const r = await checkWith('', 'maxWaiverDays: -1\n');
    expect(r.report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['CONFIG_INVALID', 'copperplate.yaml', 3, 16]]);
    expect(r.report.exitCode).toBe(2);
  });
});
