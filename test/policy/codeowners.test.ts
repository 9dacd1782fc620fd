import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeownersRuleFor, parseCodeowners } from '../../src/policy/index.js';
import { patternMatches } from '../../src/policy/codeowners.js';

const fixture = readFileSync(new URL('../fixtures/codeowners/CODEOWNERS', import.meta.url), 'utf8');
const matches = (pattern: string, file: string): boolean => patternMatches(pattern, file.split('/'));

describe('parseCodeowners', () => {
  it('reads rules with their lines; comments, inline comments and lines with an unreadable owner are left out', () => {
    expect(parseCodeowners(fixture).map((r) => [r.line, r.pattern, r.owners])).toEqual([
      [5, '*', ['@acme/developers']],
      [8, '/deploy/', ['@acme/platform']],
      [9, '/deploy/stencils/', ['@acme/platform', '@acme/web']],
      [12, '/deploy/approvals.yaml', ['@acme/ops', 'ops-lead@example.com']],
      [18, '/deploy/README.md', []],
    ]);
  });

  it('keeps an escaped space in a pattern, and reads CRLF files', () => {
    expect(parseCodeowners('my\\ file.txt  @a\r\n\t# note\r\n  /x @b/c # trailing\r\n')).toEqual([
      { pattern: 'my\\ file.txt', owners: ['@a'], line: 1 },
      { pattern: '/x', owners: ['@b/c'], line: 3 },
    ]);
    expect(matches('my\\ file.txt', 'dir/my file.txt')).toBe(true);
  });
});

describe('codeownersRuleFor', () => {
  it('the last matching rule wins', () => {
    const rules = parseCodeowners(fixture);
    expect(codeownersRuleFor(rules, 'deploy/approvals.yaml')).toMatchObject({ line: 12, owners: ['@acme/ops', 'ops-lead@example.com'] });
    expect(codeownersRuleFor(rules, 'deploy/stencils/web.yaml')).toMatchObject({ line: 9 });
    expect(codeownersRuleFor(rules, 'deploy/README.md')).toMatchObject({ line: 18, owners: [] });
    expect(codeownersRuleFor(rules, 'src/index.ts')).toMatchObject({ line: 5 });
    expect(codeownersRuleFor(parseCodeowners('/other/ @x\n'), 'deploy/approvals.yaml')).toBeUndefined();
  });
});

// GitHub's documented examples ("About code owners", example CODEOWNERS file) and gitignore's
// rules that CODEOWNERS keeps: [pattern, path, owned?]
const CASES: [string, string, boolean][] = [
  ['*', 'approvals.yaml', true],
  ['*', 'deploy/approvals.yaml', true],
  ['*.yaml', 'deploy/approvals.yaml', true],
  ['*.yml', 'deploy/approvals.yaml', false],
  ['approvals.yaml', 'deploy/approvals.yaml', true],
  ['/approvals.yaml', 'deploy/approvals.yaml', false],
  ['/approvals.yaml', 'approvals.yaml', true],
  ['approvals.yaml/', 'approvals.yaml', false],
  // "apps/ @octocat: any file in an apps directory anywhere"
  ['apps/', 'apps/x', true],
  ['apps/', 'a/b/apps/c/d', true],
  ['apps/', 'apps', false],
  // "/docs/ @doctocat: the /docs directory in the root and its subdirectories"
  ['/docs/', 'docs/a/b.md', true],
  ['/docs/', 'x/docs/a.md', false],
  // "docs/* matches docs/getting-started.md but not docs/build-app/troubleshooting.md"
  ['docs/*', 'docs/getting-started.md', true],
  ['docs/*', 'docs/build-app/troubleshooting.md', false],
  ['docs/*', 'x/docs/getting-started.md', false],
  // "**/logs: any file in a logs directory such as /build/logs, /scripts/logs, /deeply/nested/logs"
  ['**/logs', 'build/logs/a.log', true],
  ['**/logs', 'deeply/nested/logs/a.log', true],
  ['**/logs', 'logs/a.log', true],
  ['**/logs', 'logs.txt', false],
  // "/apps/github" without a trailing slash owns the directory's files too
  ['/apps/github', 'apps/github/a.rb', true],
  ['/apps/github', 'apps/githubx', false],
  ['deploy/approvals.yaml', 'deploy/approvals.yaml', true],
  ['deploy/approvals.yaml', 'x/deploy/approvals.yaml', false],
  ['/*', 'approvals.yaml', true],
  ['/*', 'deploy/approvals.yaml', false],
  ['/*/', 'deploy/approvals.yaml', true],
  ['/d*', 'deploy/approvals.yaml', true],
  ['d*/', 'x/deploy/approvals.yaml', true],
  ['deploy/**', 'deploy/approvals.yaml', true],
  ['deploy/**', 'deploy', false],
  ['deploy/**/approvals.yaml', 'deploy/approvals.yaml', true],
  ['deploy/**/approvals.yaml', 'deploy/a/b/approvals.yaml', true],
  ['deploy/*/approvals.yaml', 'deploy/approvals.yaml', false],
  ['deploy/*/approvals.yaml', 'deploy/prod/approvals.yaml', true],
  ['approvals.y?ml', 'approvals.yaml', true],
  ['approvals.y?ml', 'approvals.yml', false],
  ['approvals\\*', 'approvals.yaml', false],
  ['approvals\\*', 'approvals*', true],
  // no `[…]` ranges and no `!` negation in CODEOWNERS: literal characters
  ['approvals.[y]aml', 'approvals.yaml', false],
  ['!approvals.yaml', 'approvals.yaml', false],
  ['Approvals.yaml', 'approvals.yaml', false],
];

describe('patternMatches', () => {
  it.each(CASES)('%s owns %s: %s', (pattern, file, expected) => {
    expect(matches(pattern, file)).toBe(expected);
  });

  it('matches a hostile pattern against a long path without backtracking', () => {
    const pattern = `${'*a'.repeat(2000)}b`;
    const long = `${'a'.repeat(5000)}/${'**/'.repeat(500)}`;
    expect(matches(pattern, 'a'.repeat(4000))).toBe(false);
    expect(matches(`${long}x`, `${'a'.repeat(5000)}/${'d/'.repeat(200)}y`)).toBe(false);
  });

  it('a literal pattern owns exactly the path, its descendants, and the same path at any depth when it has no slash', () => {
    const segment = fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.array(segment, { maxLength: 3 }), fc.array(segment, { maxLength: 3 }), (own, below, above) => {
        const pattern = own.join('/');
        expect(matches(`/${pattern}`, [...own, ...below].join('/'))).toBe(true);
        // directories above are upper-case, so they never repeat the pattern's own segments
        const up = above.map((s) => s.toUpperCase() + 'X');
        expect(matches(pattern, [...up, ...own, ...below].join('/'))).toBe(own.length === 1 || up.length === 0);
      }),
    );
  });
});
