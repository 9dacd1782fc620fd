import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempProject } from '../support/temp-project.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

// One stencil, two clusters: batch/v1beta1 CronJob was deprecated in 1.21 and removed in 1.25.
const FILES = {
  'copperplate.yaml': 'kubernetesVersion: "1.31"\nbuiltinPolicies: []\n',
  'stencils/cron.yaml': [
    'apiVersion: batch/v1beta1',
    'kind: CronJob',
    'metadata:',
    '  name: nightly',
    'spec:',
    '  schedule: "0 3 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: Never',
    '          containers:',
    '            - name: job',
    '              image: acme/job:1.0',
    '',
  ].join('\n'),
  // unquoted: YAML reads the number 1.24; the formation means the text it wrote
  'formations/legacy.yaml': 'destination:\n  namespace: batch\n  kubernetesVersion: 1.24\n',
  'formations/current.yaml': 'destination:\n  namespace: batch\n',
  'formations/next.yaml': 'destination:\n  namespace: batch\n  kubernetesVersion: "1.30"\n',
};

interface JsonReport {
  formations: { name: string; environment: string; kubernetesVersion: string; namespace?: string; resources: number }[];
  findings: { policy: string; severity: string; formation: string; message: string }[];
}

function project(): string {
  const t = tempProject(FILES);
  cleanups.push(t.remove);
  return t.dir;
}

describe('destination.kubernetesVersion per formation (SPEC §3, §6)', () => {
  it('checks one stencil against each formation\'s cluster: deprecated on 1.24, removed on 1.31; reports show the version', async () => {
    const dir = project();
    const r = await runCli(['check', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.formations).toEqual([
      { name: 'current', environment: 'current', kubernetesVersion: '1.31', namespace: 'batch', resources: 1 },
      { name: 'legacy', environment: 'legacy', kubernetesVersion: '1.24', namespace: 'batch', resources: 1 },
      { name: 'next', environment: 'next', kubernetesVersion: '1.30', namespace: 'batch', resources: 1 },
    ]);
    const schema = report.findings.filter((f) => f.policy === 'schema').map((f) => `${f.formation} ${f.severity}`);
    expect(schema).toEqual(['current error', 'legacy warning', 'next error']);
    const legacy = report.findings.find((f) => f.formation === 'legacy');
    expect(legacy?.message).toMatch(/batch\/v1/);
  });

  it('check of the 1.24 formation alone passes (a deprecation warns); explain names the version', async () => {
    const dir = project();
    expect((await runCli(['check', 'legacy'], dir)).code).toBe(0);
    expect((await runCli(['check', 'current'], dir)).code).toBe(1);
    const explained = await runCli(['explain', 'legacy', '--format', 'json'], dir);
    expect(JSON.parse(explained.stdout)).toMatchObject({ kubernetesVersion: '1.24', destination: { kubernetesVersion: '1.24' } });
    const text = await runCli(['explain', 'current'], dir);
    expect(text.stdout).toContain('formation current (environment current, Kubernetes 1.31)');
  });
});
