import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('global options and usage errors', () => {
  it('--version prints the package version, exit 0', async () => {
    const r = await runCli(['--version'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it.each([['--help'], ['render', '--help'], ['explain', '--help'], ['init', '--help'], ['help', 'render']])('%s prints help to stdout, exit 0', async (...argv) => {
    const r = await runCli(argv, repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: copperplate/);
  });

  it('--help lists render, explain and init', async () => {
    const r = await runCli(['--help'], repoRoot);
    for (const c of ['render', 'explain', 'init']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it.each([
    ['unknown command', ['bogus']],
    ['unknown global option', ['--bogus', 'render', 'staging']],
    ['unknown command option', ['render', 'staging', '--bogus']],
    ['missing option value', ['render', 'staging', '--set']],
    ['bad --color', ['--color', 'purple', 'render', 'staging']],
    ['no command', []],
  ])('%s: exit 2, message on stderr only, no stack trace', async (_label, argv) => {
    const r = await runCli(argv, repoRoot);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('# Source:');
    expect(r.stderr.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('--project pointing nowhere is exit 2 without a stack trace', async () => {
    const r = await runCli(['--project', path.join(repoRoot, 'no-such-dir'), 'render', '--all', '--secrets', 'redact'], repoRoot);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('--quiet hides warnings but not errors', async () => {
    const loud = await runCli(['render', 'staging', '--secrets', 'redact', '--no-check', '--set', 'unused_value=1'], repoRoot);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain('VALUE_UNUSED');
    const quiet = await runCli(['--quiet', 'render', 'staging', '--secrets', 'redact', '--no-check', '--set', 'unused_value=1'], repoRoot);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('VALUE_UNUSED');
    expect(quiet.stdout).toBe(loud.stdout);
  });
});
