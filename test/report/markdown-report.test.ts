import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CopperplateError } from '../../src/core/copperplate-error.js';
import { formatReport } from '../../src/report/index.js';
import { buildReport } from '../../src/core/report.js';
import { FINDINGS, OPTIONS, representativeReport } from './representative-report.js';

function markdown(template?: string): string {
  return formatReport(representativeReport(), 'markdown', template === undefined ? OPTIONS : { ...OPTIONS, template });
}

function templateError(template: string): unknown {
  try {
    markdown(template);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('markdown report', () => {
  it('lists sign-offs with fingerprints and the approve command to run', () => {
    const out = markdown();
    expect(out).toContain('| `lb-ip-change` | production-aws: Service/shop/web<br>`spec.loadBalancerIP` |');
    expect(out).toContain('```sh\ncopperplate approve 3f9c2a1b7d4e --by <you> --reason "<why>"\n```');
    expect(out).not.toContain('copperplate approve a1b2c3d4e5f6');
  });

  it('escapes table pipes and HTML in cells, keeps code spans verbatim', () => {
    const out = markdown();
    const row = out.split('\n').find((l) => l.includes('annotation-values')) ?? '';
    expect(row).toContain('eu\\|west &amp; 100% &quot;a:b, c&quot;<br>see the second line');
    expect(row).toContain('&lt;odd&gt;');
    expect(row).toContain('`metadata.annotations["shop.example/note"]`');
    // Every table row has as many unescaped separators as its header.
    for (const table of out.split('\n\n').filter((b) => b.startsWith('| '))) {
      const cells = table.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(cells).size).toBe(1);
    }
  });

  it('uses a code fence longer than any backtick run', () => {
    const report = representativeReport();
    report.findings = [{ ...report.findings[0]!, path: 'a`b``c', approved: false }];
    const out = formatReport(report, 'markdown', OPTIONS);
    expect(out).toContain('```a`b``c```');
  });

  it('renders a user template with the derived fields', () => {
    const out = markdown(
      '{{summary.errors}} errors; blocking: {{#each blocking}}{{ruleLabel}}@{{location}} {{/each}}; ' +
        'signoffs: {{#each signoffs}}{{fingerprint}}={{{approveCommand}}} {{/each}}; ' +
        'approved: {{#each approved}}{{approvalResource}} {{/each}}; diags: {{diagnostics.length}}; ' +
        'json: {{report.version}} {{tool.version}} {{passed}} {{rules.length}}\n',
    );
    expect(out).toBe(
      '4 errors; blocking: no-cluster-admin@ no-latest-tag@stencils/web.yaml:20:18 lb-ip-change@stencils/web.yaml:35:19 schema/SCHEMA_UNKNOWN_FIELD@stencils/worker.yaml:12:11 ; ' +
        'signoffs: 3f9c2a1b7d4e=copperplate approve 3f9c2a1b7d4e --by <you> --reason "<why>" ; ' +
        'approved: staging/Deployment/shop/debug-shell staging/Service/shop/web ; diags: 4; json: 1 0.1.0 false 3\n',
    );
  });

  it('HTML-escapes double-stash output in user templates', () => {
    expect(markdown('{{#each warnings}}{{message}}{{/each}}')).toContain('&lt;odd&gt;');
  });

  it.each([
    ['unclosed block', '{{#each findings}}'],
    ['bad syntax', '{{#if}}x{{/if}}'],
    ['unknown helper with arguments', '{{nope summary}}'],
  ])('a broken template (%s) is REPORT_TEMPLATE_INVALID', (_name, template) => {
    const error = templateError(template);
    expect(error).toBeInstanceOf(CopperplateError);
    expect((error as CopperplateError).code).toBe('REPORT_TEMPLATE_INVALID');
  });

  it('a clean run says nothing blocks', () => {
    const report = buildReport({ toolVersion: '0.1.0', formations: 3, resources: 42, diagnostics: [], findings: FINDINGS.filter((f) => f.approved === true) });
    expect(formatReport(report, 'markdown', OPTIONS).startsWith('### copperplate: nothing blocking\n')).toBe(true);
  });

  it('loads handlebars only when markdown is formatted', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const script = `
      const { createJiti } = require('jiti');
      const jiti = createJiti(${JSON.stringify(root)});
      (async () => {
        const r = await jiti.import('./test/report/representative-report.ts');
        const { formatReport } = await jiti.import('./src/report/index.ts');
        const loaded = () => Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]handlebars[\\\\/]/.test(k));
        for (const f of ['text', 'json', 'sarif', 'junit', 'github']) formatReport(r.representativeReport(), f, r.OPTIONS);
        const before = loaded();
        formatReport(r.representativeReport(), 'markdown', r.OPTIONS);
        process.stdout.write(JSON.stringify([before, loaded()]));
      })();`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([false, true]);
  });
});
