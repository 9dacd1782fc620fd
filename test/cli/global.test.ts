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
    ['unknown command', ['bogus'], 'USAGE'],
    ['unknown global option', ['--bogus', 'render', 'staging'], 'USAGE'],
    ['unknown command option', ['render', 'staging', '--bogus'], 'USAGE'],
    ['missing option value', ['render', 'staging', '--set'], 'USAGE'],
    ['missing argument', ['diff'], 'USAGE'],
    ['missing required option', ['approve', '0123456789ab'], 'USAGE'],
    ['bad --color', ['--color', 'purple', 'render', 'staging'], 'USAGE'],
    ['no command', [], 'USAGE'],
    ['unknown subcommand option', ['hook', 'install', '--bogus'], 'USAGE'],
    ['no formation named', ['render', '--secrets', 'redact'], 'USAGE'],
    ['unknown format', ['check', '--format', 'yaml'], 'FORMAT_UNKNOWN'],
    ['unreadable --values', ['render', 'staging', '--values', 'no-such.yaml'], 'VALUES_FILE_NOT_FOUND'],
    ['empty --by', ['approve', '0123456789ab', '--by', ' ', '--reason', 'x'], 'APPROVAL_INVALID'],
    ['bad --expires', ['approve', '0123456789ab', '--by', 'a', '--reason', 'x', '--expires', 'soon'], 'APPROVAL_INVALID'],
    ['unknown fingerprint', ['approve', '0123456789ab', '--by', 'a', '--reason', 'x', '--baseline-dir', 'docs'], 'APPROVAL_UNKNOWN_FINGERPRINT'],
    ['explain an unknown resource', ['explain', 'staging', 'Deployment/nope'], 'RESOURCE_NOT_FOUND'],
  ])('%s (%j): exit 2, a %s diagnostic on stderr only, no stack trace', async (_label, argv, code) => {
    const r = await runCli(argv, repoRoot);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('# Source:');
    // printed like every diagnostic: severity, code, message (no position: it is about the command line)
    expect(r.stderr).toMatch(new RegExp(`^error  ${code}  \\S`, 'm'));
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
