import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import {
  appendApproval,
  applyApprovals,
  approvalResourceLabel,
  definePolicy,
  parseApprovals,
  runPolicies,
  type FormationInfo,
  type LoadedPolicy,
} from '../../src/policy/index.js';

// The sign-off cycle of SPEC §5.4 at the policy layer: change → finding → approve → pass → change again → blocked.
const lbIpChange: LoadedPolicy = {
  ...definePolicy({
    id: 'lb-ip-change',
    title: 'LB IP changes need a sign-off',
    severity: 'signoff',
    match: { kinds: ['Service'] },
    check(_r, ctx) {
      const path = ['spec', 'loadBalancerIP'];
      if (ctx.previous && ctx.changed(path)) ctx.report({ message: 'load balancer IP changes', path, from: ctx.get(path, ctx.previous) ?? null, to: ctx.get(path) ?? null });
    },
  }),
  file: 'policies/lb-ip-change.ts',
  builtin: false,
};
const formation: FormationInfo = { name: 'production-aws', environment: 'production', destination: { namespace: 'shop' } };
const service = (ip: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: LoadBalancer\n  loadBalancerIP: ${ip}\n`;
const check = async (ip: string, approvalsText: string | undefined) => {
  const run = await runPolicies(
    {
      formation,
      manifests: manifestsFromYaml('stencils/web.yaml', service(ip)).manifests,
      baseline: manifestsFromYaml('baseline/production-aws.yaml', service('10.0.0.1')).manifests,
    },
    [lbIpChange],
  );
  const parsed = parseApprovals('approvals.yaml', approvalsText ?? '');
  return { ...applyApprovals(run.findings, parsed.approvals, { now: new Date('2026-11-23T00:00:00Z') }), parseDiagnostics: parsed.diagnostics };
};

describe('sign-off cycle', () => {
  it('blocks a change until it is approved, and blocks the next change again', async () => {
    const first = await check('10.0.0.2', undefined);
    expect(first.findings).toHaveLength(1);
    const finding = first.findings[0];
    expect(finding).toMatchObject({ severity: 'signoff', approved: false, path: 'spec.loadBalancerIP', line: 8, column: 19, from: '10.0.0.1', to: '10.0.0.2' });
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    if (!finding?.fingerprint) return;

    const approvals = appendApproval(undefined, {
      fingerprint: finding.fingerprint,
      policy: finding.policy,
      resource: approvalResourceLabel(finding),
      by: 'ops@example.com',
      reason: 'new static IP (OPS-123)',
    });
    expect(approvals).toContain('resource: production-aws/Service/shop/web');

    const second = await check('10.0.0.2', approvals);
    expect(second.parseDiagnostics).toEqual([]);
    expect(second.diagnostics).toEqual([]);
    expect(second.findings[0]).toMatchObject({ approved: true, approvedBy: 'ops@example.com', approvalReason: 'new static IP (OPS-123)' });

    const third = await check('10.0.0.3', approvals);
    expect(third.findings[0]?.approved).toBe(false);
    expect(third.findings[0]?.fingerprint).not.toBe(finding.fingerprint);
    expect(third.diagnostics.map((d) => [d.code, d.line])).toEqual([['APPROVAL_UNUSED', 1]]);
  });
});
