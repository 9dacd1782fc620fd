#!/usr/bin/env node
// Re-creates docs/report.png: the HTML report of the demo with a changed load-balancer IP (and
// a `latest` image in staging) checked against HEAD, as the browser test opens it. Needs a
// build (dist/) and Debian's chromium.
//
//   npm run build && node scripts/report-screenshot.mjs
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = ['copperplate.yaml', 'approvals.yaml', 'stencils', 'formations', 'policies', 'secrets', 'demo-keys'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'copperplate-shot-'));
const env = { ...process.env, GIT_AUTHOR_NAME: 'demo', GIT_AUTHOR_EMAIL: 'demo@example.com', GIT_COMMITTER_NAME: 'demo', GIT_COMMITTER_EMAIL: 'demo@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (...args) => execFileSync('git', args, { cwd: work, env, stdio: 'ignore' });
try {
  for (const entry of DEMO) fs.cpSync(path.join(root, entry), path.join(work, entry), { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '--no-verify', '-m', 'demo');
  const aws = path.join(work, 'formations/production-aws.yaml');
  fs.writeFileSync(aws, fs.readFileSync(aws, 'utf8').replace(/\n {4}ip: \S+\n/, '\n    ip: 203.0.113.99\n'));
  fs.appendFileSync(path.join(work, 'formations/staging.yaml'), '  image:\n    tag: latest\n');
  const report = path.join(work, 'report.html');
  try {
    execFileSync(process.execPath, [path.join(root, 'bin/copperplate.js'), 'check', '--baseline', 'HEAD', '--format', `html=${report}`], { cwd: work, stdio: 'ignore' });
  } catch (e) {
    if (e.status !== 1) throw e; // blocked is what the demo shows
  }
  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 1400 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(report).href);
  await page.screenshot({ path: path.join(root, 'docs/report.png') });
  await context.close();
  console.log('wrote docs/report.png');
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
