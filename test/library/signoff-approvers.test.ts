import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check, formatReport, loadProject } from '../../src/index.js';
import { fixturesDir } from '../support/paths.js';
import { tempDir } from '../support/temp-project.js';

// "Who must sign" (SPEC §5.4): derived from what the repository enforces, the CODEOWNERS rule
// that owns approvals.yaml and approvalSigning's allowed signers. The signing fixture (a changed
// load-balancer IP needing a sign-off) sits in deploy/ of a real git repository.
const CODEOWNERS = fs.readFileSync(path.join(fixturesDir, 'codeowners/CODEOWNERS'), 'utf8');
const SIGNERS = '# ops\nops@example.com,!mallory@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF5FbO+K6EyQathW73KZVrVkOJL/OjVEHqAX0xcvE4p8\n' +
  'lead@example.com namespaces="git" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF5FbO+K6EyQathW73KZVrVkOJL/OjVEHqAX0xcvE4p8\n';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Setup {
  git?: boolean;
  files?: Record<string, string>;
  links?: Record<string, string>;
  require?: boolean;
}

async function approversOf(setup: Setup) {
  const t = tempDir('copperplate-approvers-');
  cleanups.push(t.remove);
  const root = path.join(t.dir, 'deploy');
  fs.cpSync(path.join(fixturesDir, 'signing-project'), root, { recursive: true });
  if (setup.git !== false) execFileSync('git', ['init', '-q', t.dir]);
  fs.mkdirSync(path.join(root, '.copperplate'));
  fs.writeFileSync(path.join(root, '.copperplate/allowed_signers'), SIGNERS);
  if (setup.require === false) fs.writeFileSync(path.join(root, 'copperplate.yaml'), fs.readFileSync(path.join(root, 'copperplate.yaml'), 'utf8').replace(/approvalSigning:[\s\S]*/, ''));
  for (const [rel, text] of Object.entries(setup.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(t.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(t.dir, rel), text);
  }
  for (const [rel, target] of Object.entries(setup.links ?? {})) {
    fs.mkdirSync(path.dirname(path.join(t.dir, rel)), { recursive: true });
    fs.symlinkSync(target, path.join(t.dir, rel));
  }
  const project = await loadProject({ root });
  const result = await check(project, { baseline: { dir: path.join(root, 'baseline') }, now: () => new Date('2026-06-01T00:00:00Z') });
  expect(result.report.findings.map((f) => f.severity)).toContain('signoff');
  return result.report;
}

describe('who must sign a sign-off', () => {
  it('names the CODEOWNERS rule that owns approvals.yaml and the allowed signers, in every format', async () => {
    const report = await approversOf({ files: { '.github/CODEOWNERS': CODEOWNERS, 'CODEOWNERS': '* @ignored\n' } });
    expect(report.approvers).toEqual({
      approvals: 'deploy/approvals.yaml',
      codeowners: { file: '.github/CODEOWNERS', line: 12, pattern: '/deploy/approvals.yaml', owners: ['@acme/ops', 'ops-lead@example.com'] },
      // a negated principal is nobody, and a key limited to another namespace signs no approval
      signers: { file: '.copperplate/allowed_signers', principals: ['ops@example.com'] },
      summary:
        'ops@example.com (allowed signers, .copperplate/allowed_signers), with a review by @acme/ops or ops-lead@example.com (code owners of deploy/approvals.yaml, .github/CODEOWNERS:12)',
    });
    const json = JSON.parse(formatReport(report, 'json', { color: false }));
    expect(json.approvers).toEqual(report.approvers);
    const html = formatReport(report, 'html', { color: false });
    expect(html).toContain('<dt>Who must sign</dt><dd>ops@example.com (allowed signers, .copperplate/allowed_signers), with a review by @acme/ops');
    const markdown = formatReport(report, 'markdown', { color: false });
    expect(markdown).toContain('Who must sign: `ops@example.com (allowed signers, .copperplate/allowed_signers), with a review by @acme/ops');
  });

  it.each([
    ['CODEOWNERS', 'CODEOWNERS'],
    ['docs/CODEOWNERS', 'docs/CODEOWNERS'],
  ])('reads %s when .github/CODEOWNERS is absent', async (at, file) => {
    const report = await approversOf({ files: { [at]: CODEOWNERS }, require: false });
    expect(report.approvers?.codeowners).toMatchObject({ file, line: 12 });
    expect(report.approvers?.signers).toBeUndefined();
    expect(report.approvers?.summary).toBe(`@acme/ops or ops-lead@example.com (code owners of deploy/approvals.yaml, ${file}:12)`);
  });

  it.each<[string, Setup, string]>([
    ['no CODEOWNERS and no required signatures', { require: false }, 'anyone with write access to the repository: no CODEOWNERS rule covers deploy/approvals.yaml and signatures are not required'],
    [
      'a rule that leaves approvals.yaml unowned',
      { require: false, files: { '.github/CODEOWNERS': '* @acme/devs\n/deploy/approvals.yaml\n' } },
      'anyone with write access to the repository: deploy/approvals.yaml has no owner (.github/CODEOWNERS:2) and signatures are not required',
    ],
    [
      'required signatures without an owner',
      { files: { '.github/CODEOWNERS': '/src/ @acme/devs\n' } },
      'ops@example.com (allowed signers, .copperplate/allowed_signers); no CODEOWNERS rule covers deploy/approvals.yaml',
    ],
    ['no git repository', { git: false, require: false }, 'anyone who can edit approvals.yaml: approvals.yaml is not in a git repository and signatures are not required'],
    [
      'a CODEOWNERS link that leads out of the repository (not followed)',
      { require: false, links: { '.github/CODEOWNERS': path.join(fixturesDir, 'codeowners/CODEOWNERS') } },
      'anyone with write access to the repository: no CODEOWNERS rule covers deploy/approvals.yaml and signatures are not required',
    ],
  ])('%s', async (_name, setup, summary) => {
    expect((await approversOf(setup)).approvers?.summary).toBe(summary);
  });

  it('is absent from a report without sign-offs', async () => {
    const project = await loadProject({ root: path.join(fixturesDir, 'signing-project') });
    const result = await check(project, { now: () => new Date('2026-06-01T00:00:00Z') });
    expect(result.report.findings.filter((f) => f.severity === 'signoff')).toEqual([]);
    expect(result.report.approvers).toBeUndefined();
  });
});
