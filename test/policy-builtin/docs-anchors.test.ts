import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPolicies } from '../../src/policy/builtin/index.js';
import { BUILTIN_POLICIES_DOC, builtinPolicyDocs, policyShapeProblems } from '../../src/policy/index.js';
import { repoRoot } from '../support/paths.js';

const DOC = fs.readFileSync(path.join(repoRoot, 'docs/builtin-policies.md'), 'utf8');

/** The anchors GitHub gives a markdown page: heading slugs (numbered when repeated) and explicit `<a id|name>`. */
function anchors(markdown: string): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const slug = heading[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      out.push(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/<a (?:id|name)="([^"]+)"/g)) out.push(m[1]!);
  }
  return out;
}

describe('documentation links of built-in policies', () => {
  const page = anchors(DOC);
  const linked = [...builtinPolicies.map((p) => [p.id, p.docs] as const), ['schema', builtinPolicyDocs('schema')] as const];

  it.each(linked)('%s links to an anchor of docs/builtin-policies.md that exists exactly once', (id, docs) => {
    expect(docs).toBe(`${BUILTIN_POLICIES_DOC}#${id}`);
    expect(page.filter((a) => a === id)).toEqual([id]);
  });

  it('the page is the repository package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string } };
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(BUILTIN_POLICIES_DOC).toBe(`${repo}/blob/main/docs/builtin-policies.md`);
  });

  it('every in-page link of the page lands on an anchor', () => {
    const targets = [...DOC.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(page, t).toContain(t);
  });
});

describe('a policy\'s docs', () => {
  const policy = { id: 'p', title: 't', severity: 'warning', check() {} };
  it.each([
    ['https://wiki.example.com/policies#p', []],
    ['http://intranet/policies/p', []],
    ['javascript:alert(1)', ['docs']],
    ['file:///etc/passwd', ['docs']],
    ['docs/policies.md#p', ['docs']],
    [42, ['docs']],
    [`https://example.com/${'x'.repeat(2100)}`, ['docs']],
  ])('%s', (docs, problems) => {
    expect(policyShapeProblems({ ...policy, docs }).map((p) => (p.includes('`docs`') ? 'docs' : p))).toEqual(problems);
  });
});

describe('links in a report of a real check', () => {
  it('a project policy links to its docs and a built-in to its anchor, in SARIF and on each html finding', async () => {
    const { check, formatReport, loadProject } = await import('../../src/index.js');
    const { tempProject } = await import('../support/temp-project.js');
    const project = tempProject({
      'copperplate.yaml': 'builtinPolicies: [no-latest-tag]\n',
      'stencils/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx\n',
      'formations/dev.yaml': 'environment: dev\ndestination:\n  namespace: shop\n',
      'policies/team-label.ts':
        "import { definePolicy } from 'copperplate/policy';\nexport default definePolicy({ id: 'team-label', title: 'Resources name their team', severity: 'warning', docs: 'https://wiki.example.com/k8s/team-label', check(r, ctx) { if (!r.metadata.labels?.team) ctx.report({ message: 'no team label', path: 'metadata' }); } });\n",
    });
    try {
      const result = await check(await loadProject({ root: project.dir }), {});
      expect(result.report.findings.map((f) => f.policy).sort()).toEqual(['no-latest-tag', 'team-label']);
      const help = Object.fromEntries(result.rules.map((r) => [r.id, r.helpUri]));
      expect(help).toMatchObject({ 'team-label': 'https://wiki.example.com/k8s/team-label', 'no-latest-tag': builtinPolicyDocs('no-latest-tag'), schema: builtinPolicyDocs('schema') });
      const options = { color: false, rules: result.rules };
      const sarif = JSON.parse(formatReport(result.report, 'sarif', options)) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
      expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'team-label')?.helpUri).toBe('https://wiki.example.com/k8s/team-label');
      const html = formatReport(result.report, 'html', options);
      expect(html).toContain('<a class="docs" href="https://wiki.example.com/k8s/team-label" rel="noreferrer">docs<span class="sr"> of team-label</span></a>');
      expect(html).toContain(`<a class="docs" href="${builtinPolicyDocs('no-latest-tag')}" rel="noreferrer">`);
    } finally {
      project.remove();
    }
  });
});
