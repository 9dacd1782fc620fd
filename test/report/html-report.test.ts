import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/core/report.js';
import { formatReport } from '../../src/report/index.js';
import { DIAGNOSTICS, FINDINGS, OPTIONS, representativeReport } from './representative-report.js';

function html(report: Report = representativeReport(), options = OPTIONS): string {
  return formatReport(report, 'html', options);
}

function ids(page: string): string[] {
  return [...page.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
}

describe('html report', () => {
  it('loads nothing: no src, no stylesheet or script links, no url() or @import, and a CSP pinning its inline style and script', () => {
    const page = html();
    expect(page).not.toMatch(/\ssrc=/i);
    expect(page.match(/<link\b[^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page.match(/<style\b/g)).toHaveLength(1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replaceAll('&apos;', "'");
    expect(csp).toMatch(/^default-src 'none';/);
    const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(csp).toContain(`style-src ${hash(style)};`);
    expect(csp).toContain(`script-src ${hash(script)};`);
  });

  it('escapes report text (a hostile message stays text)', () => {
    const report = representativeReport();
    report.findings[1]!.message = '</script><script>alert(1)</script><img src=x onerror=alert(1)> & "q"';
    const page = html(report);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; "q"');
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
  });

  it('gives every sign-off its fingerprint as id and every resource a #formation/kind/name id; ids are unique', () => {
    const all = ids(html());
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['3f9c2a1b7d4e', 'a1b2c3d4e5f6', 'production-aws/Service/web', 'staging/Deployment/worker', 'staging/ClusterRoleBinding/ops']));
  });

  it('puts the namespace into a resource id only where two resources would share one', () => {
    const report = representativeReport();
    const other = { ...report.findings[3]!, resource: { ...report.findings[3]!.resource, namespace: 'other' } };
    report.findings.push(other);
    const all = ids(html(report));
    expect(all).toEqual(expect.arrayContaining(['staging/Deployment/shop/web', 'staging/Deployment/other/web', 'production-aws/Deployment/web']));
    expect(all).not.toContain('staging/Deployment/web');
  });

  it('shows the approve command only for open sign-offs, and who approved the others', () => {
    const page = html();
    expect(page).toContain('<code>copperplate approve 3f9c2a1b7d4e --by &lt;you&gt; --reason "&lt;why&gt;"</code>');
    expect(page).not.toContain('copperplate approve a1b2c3d4e5f6');
    expect(page).toContain('Approved by <b>ops@example.com</b>: Move to the new static IP (OPS-123)');
  });

  it('says the verdict the run had: could not check (exit 2), blocked (exit 1), passed (exit 0)', () => {
    const report = (diagnostics = DIAGNOSTICS, findings = FINDINGS) => buildReport({ toolVersion: '0.1.0', formations: 3, resources: 42, diagnostics, findings });
    expect(html(report())).toContain('<strong>Could not check</strong><span>exit 2');
    const checked = DIAGNOSTICS.filter((d) => d.severity !== 'error');
    expect(html(report(checked))).toContain('<strong>Blocked</strong><span>exit 1');
    const passing = FINDINGS.filter((f) => f.approved === true || f.severity === 'warning');
    expect(html(report(checked, passing))).toContain('<strong>Passed</strong><span>exit 0');
    // the page says the report's verdict, whatever decided it (here --fail-on warning)
    expect(html(buildReport({ toolVersion: '0.1.0', formations: 3, resources: 42, diagnostics: checked, findings: passing, failOn: 'warning' }))).toContain(
      '<strong>Blocked</strong><span>exit 1',
    );
  });

  it('names the formations with their Kubernetes versions, the baseline, and shows per-resource diffs', () => {
    const report: Report = {
      ...representativeReport(),
      formations: [
        { name: 'production-aws', environment: 'production', kubernetesVersion: '1.31', context: 'prod-aws', namespace: 'shop', resources: 20 },
        { name: 'staging', environment: 'staging', kubernetesVersion: '1.29', resources: 22 },
      ],
      baseline: { ref: 'origin/main' },
      diffs: [
        {
          status: 'changed',
          formation: 'production-aws',
          resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
          label: 'Service/shop/web',
          file: 'stencils/web.yaml',
          line: 30,
          column: 1,
          changes: [{ kind: 'changed', path: 'spec.loadBalancerIP', segments: ['spec', 'loadBalancerIP'], from: '203.0.113.10', to: '203.0.113.20', file: 'stencils/web.yaml', line: 35, column: 19 }],
        },
      ],
    };
    const page = html(report);
    expect(page).toContain('<b>production-aws</b> <small>Kubernetes 1.31 · production · prod-aws/shop · 20 resources</small>');
    expect(page).toContain('<b>staging</b> <small>Kubernetes 1.29 · staging · 22 resources</small>');
    expect(page).toContain('git <code>origin/main</code>');
    expect(page).toMatch(/<td class="path"><code>spec\.loadBalancerIP<\/code><\/td><td class="k-changed">changed<\/td><td><code>203\.0\.113\.10<\/code><\/td><td><code>203\.0\.113\.20<\/code><\/td>/);
    expect(page).toContain('value="change" checked> change (1)');
  });

  it('is the same page whatever order the findings come in', () => {
    const shuffled = buildReport({ toolVersion: '0.1.0', formations: 3, resources: 42, diagnostics: [...DIAGNOSTICS].reverse(), findings: [...FINDINGS].reverse() });
    expect(html(shuffled)).toBe(html(representativeReport()));
  });
});
