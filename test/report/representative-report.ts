import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnostic } from '../../src/core/diagnostic.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import type { Finding } from '../../src/core/finding.js';
import { buildReport } from '../../src/core/report.js';
import type { Report } from '../../src/core/report.js';
import type { FormatOptions, RuleMeta } from '../../src/report/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PROJECT = `${FIXTURES}report-representative/`;

/** Reads the fixture project like the engine would; unknown files have no frame. */
export function readSource(file: string): string | undefined {
  try {
    return readFileSync(PROJECT + file, 'utf8');
  } catch {
    return undefined;
  }
}

export const RULES: readonly RuleMeta[] = [
  {
    id: 'lb-ip-change',
    title: 'Load-balancer IP changes need a sign-off',
    severity: 'signoff',
    description: "A Service's loadBalancerIP, source ranges or load-balancer IP annotations differ from the baseline.",
    remediation: 'Have the network owner approve the change with `copperplate approve`.',
  },
  {
    id: 'no-latest-tag',
    title: 'Container images must be pinned',
    severity: 'error',
    remediation: 'Use an explicit version tag or a digest.',
    helpUri: 'https://example.com/docs/policies/no-latest-tag',
  },
  { id: 'requests-limits', title: 'Containers declare resource requests and limits', severity: 'warning' },
];

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const worker = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'worker' };
const service = { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' };

export const DIAGNOSTICS: Diagnostic[] = [
  diagnostic('PLACEHOLDER_UNDEFINED', 'placeholder ${workerImage} has no value', { file: 'stencils/worker.yaml', line: 11, column: 18, endLine: 11, endColumn: 32 }, {
    formation: 'staging',
    hint: 'did you mean image?',
  }),
  diagnostic('APPROVAL_UNUSED', 'approval for no-latest-tag on staging/Deployment/shop/old matched nothing', { file: 'approvals.yaml', line: 7, column: 3 }, { severity: 'warning' }),
  diagnostic('GLOB_NO_MATCH', 'formation canary selects no stencils', undefined, { severity: 'warning', formation: 'canary' }),
  diagnostic('SCHEMA_LOCATION_UNSUPPORTED', 'policy no-latest-tag took 812 ms', undefined, { severity: 'info' }),
];

export const FINDINGS: Finding[] = [
  {
    policy: 'lb-ip-change',
    severity: 'signoff',
    message: 'loadBalancerIP changes from 203.0.113.10 to 203.0.113.20',
    formation: 'production-aws',
    resource: service,
    path: 'spec.loadBalancerIP',
    file: 'stencils/web.yaml',
    line: 35,
    column: 19,
    valueSource: { file: 'formations/production-aws.yaml', line: 9, column: 9 },
    fingerprint: '3f9c2a1b7d4e',
    approved: false,
    remediation: 'Have the network owner approve the change with `copperplate approve`.',
    from: '203.0.113.10',
    to: '203.0.113.20',
  },
  {
    policy: 'no-latest-tag',
    severity: 'error',
    message: 'container web uses :latest',
    formation: 'production-aws',
    resource: web,
    path: 'spec.template.spec.containers[0].image',
    file: 'stencils/web.yaml',
    line: 20,
    column: 18,
    valueSource: { file: 'formations/production-aws.yaml', line: 6, column: 10 },
    remediation: 'Use an explicit version tag or a digest.',
  },
  {
    policy: 'annotation-values',
    severity: 'warning',
    message: 'annotation "shop.example/note" has <odd> value eu|west & 100% "a:b, c"\nsee the second line',
    formation: 'production-aws',
    resource: web,
    path: 'metadata.annotations["shop.example/note"]',
    file: 'stencils/web.yaml',
    line: 7,
    column: 24,
    valueSource: { file: 'formations/production-aws.yaml', line: 8, column: 9 },
  },
  {
    policy: 'requests-limits',
    severity: 'warning',
    message: 'container web declares no resources',
    formation: 'staging',
    resource: web,
    path: 'spec.template.spec.containers[0].resources',
    file: 'stencils/web.yaml',
    line: 19,
    column: 11,
  },
  {
    policy: 'schema',
    code: 'SCHEMA_UNKNOWN_FIELD',
    severity: 'error',
    message: 'unknown field imagePullPolcy (did you mean imagePullPolicy?)',
    formation: 'staging',
    resource: worker,
    path: 'spec.template.spec.containers[0].imagePullPolcy',
    file: 'stencils/worker.yaml',
    line: 12,
    column: 11,
  },
  {
    policy: 'image-pull-policy',
    severity: 'info',
    message: 'imagePullPolicy Always pulls on every start',
    formation: 'staging',
    resource: worker,
    path: 'spec.template.spec.containers[0]',
    file: 'stencils/worker.yaml',
    line: 10,
    column: 11,
  },
  {
    policy: 'lb-ip-change',
    severity: 'signoff',
    message: 'loadBalancerIP changes from 198.51.100.1 to 198.51.100.2',
    formation: 'staging',
    resource: service,
    path: 'spec.loadBalancerIP',
    file: 'stencils/web.yaml',
    line: 35,
    column: 19,
    valueSource: { file: 'formations/staging.yaml', line: 9, column: 9 },
    fingerprint: 'a1b2c3d4e5f6',
    approved: true,
    approvedBy: 'ops@example.com',
    approvalReason: 'Move to the new static IP (OPS-123)',
    from: '198.51.100.1',
    to: '198.51.100.2',
  },
  {
    policy: 'no-latest-tag',
    severity: 'error',
    message: 'container debug uses :latest',
    formation: 'staging',
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'debug-shell' },
    path: 'spec.template.spec.containers[0].image',
    approved: true,
    approvedBy: 'lead@example.com',
    approvalReason: 'debug image, staging only',
  },
  {
    policy: 'no-cluster-admin',
    severity: 'error',
    message: 'binds cluster-admin',
    formation: 'staging',
    resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops' },
    path: '',
  },
];

export function representativeReport(): Report {
  return buildReport({ toolVersion: '0.1.0', formations: 3, resources: 42, diagnostics: DIAGNOSTICS, findings: FINDINGS });
}

export const OPTIONS: FormatOptions = { color: false, readSource, rules: RULES, toolVersion: '0.1.0' };
