import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { decryptSops } from 'sops-age';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../precommit/git-repo.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { changeLoadBalancerIp, demoRepo } from '../support/demo-repo.js';
import { repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

/**
 * The HTML report of a real run, opened in headless chromium: the demo with a changed
 * load-balancer IP (and a `latest` image in staging: two error findings) checked against HEAD.
 */
let repo: TempRepo;
let browser: Browser;
let reportFile: string;
let reportUrl: string;
let html: string;
let code: number;
let change: { from: string; to: string };

/** The page's background colour (the test program has no DOM types: page code is a string). */
const BACKGROUND = 'getComputedStyle(document.documentElement).backgroundColor';

/** Every request the page makes, and everything it logs as an error. */
interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
}

async function open(hash = ''): Promise<Watched> {
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Anything but the report itself is refused (and recorded above).
  await page.route('**/*', (route) => (route.request().url().split('#')[0] === reportUrl ? route.continue() : route.abort()));
  await page.goto(reportUrl + hash);
  return { page, requests, errors };
}

beforeAll(async () => {
  repo = demoRepo();
  change = changeLoadBalancerIp(repo, '203.0.113.99');
  repo.write('formations/staging.yaml', repo.read('formations/staging.yaml') + '  image:\n    tag: latest\n');
  reportFile = path.join(repo.dir, 'out', 'report.html');
  const run = await runCli(['check', '--baseline', 'HEAD', '--format', 'text', '--format', 'html=out/report.html'], repo.dir);
  code = run.code;
  html = fs.readFileSync(reportFile, 'utf8');
  reportUrl = pathToFileURL(reportFile).href;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  repo?.remove();
});

describe('html report of the demo with a changed load-balancer IP, in chromium', () => {
  it('comes from a blocked run (exit 1) and is the same bytes on a second run', async () => {
    expect(code).toBe(1);
    const again = await runCli(['check', '--baseline', 'HEAD', '--format', 'html=out/again.html'], repo.dir);
    expect(again.code).toBe(1);
    expect(fs.readFileSync(path.join(repo.dir, 'out', 'again.html'), 'utf8')).toBe(html);
  });

  it('holds no decrypted demo secret', async () => {
    const key = fs
      .readFileSync(path.join(repoRoot, 'demo-keys', 'DEMO-ONLY-age-key.txt'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const plain = (await decryptSops(fs.readFileSync(path.join(repoRoot, 'secrets', 'demo.enc.yaml'), 'utf8'), {
      secretKey: key,
      fileType: 'yaml',
    })) as Record<string, Record<string, string>>;
    const secrets = Object.values(plain).flatMap((group) => Object.values(group));
    expect(secrets.length).toBe(3);
    for (const s of secrets) expect(html).not.toContain(s);
  });

  it('shows the sign-off first: from → to, the fingerprint, the approve command with a copy button, both code frames', async () => {
    const { page, requests, errors } = await open();
    const signoff = page.locator('article.sev-signoff').first();
    const fingerprint = await signoff.getAttribute('id');
    expect(fingerprint).toMatch(/^[0-9a-f]{12}$/);
    // the first card on the page is the sign-off
    expect(await page.locator('article.card').first().getAttribute('id')).toBe(fingerprint);
    await expect.poll(() => signoff.locator('.from').innerText()).toContain(change.from);
    expect(await signoff.locator('.to').innerText()).toContain(change.to);
    expect(await signoff.locator('.cmd code').innerText()).toBe(`copperplate approve ${fingerprint} --by <you> --reason "<why>"`);
    expect(await signoff.locator('button.copy').isVisible()).toBe(true);
    const captions = await signoff.locator('figure.frame figcaption').allInnerTexts();
    expect(captions).toEqual(['stencil stencils/web/service.yaml:9:19', 'value from formation formations/production-aws.yaml:13:9']);
    expect(await signoff.locator('figure.frame mark').allInnerTexts()).toEqual(['${loadBalancer.ip}', change.to]);
    expect(await signoff.isVisible()).toBe(true);
    expect(requests).toEqual([reportUrl]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a finding from a formation value shows the stencil and the formation frames under formation → resource', async () => {
    const { page, errors } = await open();
    const resource = page.locator('section.resource[id="staging/Deployment/web"]');
    expect(await resource.locator('h4').innerText()).toContain('Deployment/shop-staging/web');
    const finding = resource.locator('article.sev-error').filter({ hasText: 'latest' });
    const captions = await finding.locator('figure.frame figcaption').allInnerTexts();
    expect(captions).toHaveLength(2);
    expect(captions[0]).toMatch(/^stencil stencils\/web\/deployment\.yaml:\d+:\d+$/);
    expect(captions[1]).toMatch(/^value from formation formations\/staging\.yaml:\d+:\d+$/);
    expect(await finding.locator('a[href="#policy:no-latest-tag"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the baseline and each changed resource\'s diff under its resource', async () => {
    const { page, errors } = await open();
    expect(await page.locator('.meta').innerText()).toContain('git HEAD');
    const row = page.locator('section.resource[id="production-aws/Service/web"] table.diff tbody tr');
    expect(await row.allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`spec\\.loadBalancerIP\\s+changed\\s+${change.from.replaceAll('.', '\\.')}\\s+${change.to.replaceAll('.', '\\.')}`))]);
    expect(await page.locator('.meta').innerText()).toMatch(/production-aws\s+Kubernetes 1\.\d+/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters: counts change when a severity is unchecked, the search narrows, reset restores', async () => {
    const { page, errors } = await open();
    const shown = page.locator('#shown');
    await expect.poll(() => shown.innerText()).toBe('Showing all 7');
    await page.getByLabel('sign-off (1)').uncheck();
    expect(await shown.innerText()).toBe('Showing 6 of 7');
    expect(await page.locator('article.sev-signoff').isVisible()).toBe(false);
    expect(await page.locator('article.sev-error').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Reset' }).click();
    expect(await shown.innerText()).toBe('Showing all 7');
    await page.getByRole('combobox', { name: 'Formation' }).selectOption('production-aws');
    expect(await shown.innerText()).toBe('Showing 2 of 7'); // the sign-off and the Service's diff
    expect(await page.locator('section.formation[id="staging"]').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByLabel('Search findings').fill('203.0.113.99');
    await expect.poll(() => shown.innerText()).toBe('Showing 2 of 7');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('deep links scroll to the sign-off (#fingerprint) and to a resource (#formation/kind/name)', async () => {
    const fingerprint = /<article class="card item sev-signoff" id="([0-9a-f]{12})"/.exec(html)![1]!;
    for (const id of [fingerprint, 'staging/Deployment/web']) {
      const { page, errors } = await open(`#${id}`);
      const target = page.locator(`[id="${id}"]`);
      await expect.poll(() => target.evaluate((el) => el.classList.contains('current'))).toBe(true);
      // scrolled to: the target starts near the top of the viewport (below the sticky filters)
      await expect.poll(async () => (await target.boundingBox())!.y).toBeGreaterThanOrEqual(0);
      expect((await target.boundingBox())!.y).toBeLessThan(150);
      expect(await page.evaluate('document.activeElement?.id')).toBe(id);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('keyboard: j moves to the next finding, / focuses the search, t switches the theme', async () => {
    const { page, errors } = await open();
    await page.keyboard.press('j');
    expect(await page.evaluate("document.activeElement?.classList.contains('sev-signoff')")).toBe(true);
    await page.keyboard.press('j');
    expect(await page.evaluate("document.activeElement?.classList.contains('sev-error')")).toBe(true);
    const before = await page.evaluate(BACKGROUND);
    await page.keyboard.press('t');
    const after = await page.evaluate(BACKGROUND);
    expect(after).not.toBe(before);
    expect(await page.getByRole('button', { name: /theme/i }).getAttribute('aria-pressed')).toBe('true');
    // the choice is remembered (file:// pages have storage in chromium); forget it for the other tests
    await page.evaluate('localStorage.clear()');
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.id')).toBe('q');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows prefers-color-scheme: dark', async () => {
    const { page } = await open();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(BACKGROUND)).toBe('rgb(13, 17, 23)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(BACKGROUND)).toBe('rgb(255, 255, 255)');
    await page.close();
  });

  it('has landmarks and labels for screen readers', async () => {
    const { page } = await open();
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Filters' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: /^Sign-offs/ }).count()).toBe(1);
    expect(await page.getByRole('status').first().innerText()).toContain('Blocked');
    await page.close();
  });

  it('reads without JavaScript: everything is there, the filters are not', async () => {
    const context = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await context.context.newPage();
      await page.goto(reportUrl);
      expect(await page.locator('article.sev-signoff .cmd code').isVisible()).toBe(true);
      expect(await page.locator('article.sev-error').first().isVisible()).toBe(true);
      expect(await page.locator('nav.filters').isVisible()).toBe(false);
      expect(await page.locator('button.copy').first().isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('prints without the controls', async () => {
    const { page } = await open();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.filters').isVisible()).toBe(false);
    expect(await page.locator('#theme').isVisible()).toBe(false);
    expect(await page.locator('article.sev-signoff .cmd code').isVisible()).toBe(true);
    await page.close();
  });
});
