import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import type { Report } from '../../src/core/report.js';
import { formatReport } from '../../src/report/index.js';
import { FIXTURES, OPTIONS, representativeReport } from './representative-report.js';

const XSD = `${FIXTURES}report-junit/junit.xsd`;
const dir = mkdtempSync(join(tmpdir(), 'copperplate-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xmllint's verdict; throws with its output when the document is invalid. */
function xmllint(xml: string): string {
  const file = join(dir, 'report.xml');
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function nasty(): Report {
  const report = representativeReport();
  const f = report.findings[0]!;
  return buildReport({
    toolVersion: '0.1.0',
    formations: 1,
    resources: 1,
    diagnostics: report.diagnostics,
    findings: [
    {
      ...f,
      formation: 'prod"<&>\'',
      message: `]]> <x a="1"> & \u0001\u0008 bell\u0007 tab\t cr\r lone\uD800 fffe\uFFFE emoji 🚀`,
      path: 'metadata.annotations["a&b<c>"]',
      remediation: '<![CDATA[ nope ]]>',
    },
    ],
  });
}

describe('junit report', () => {
  it.each([
    ['representative', representativeReport()],
    ['empty', buildReport({ toolVersion: '0.1.0', formations: 0, resources: 0, diagnostics: [], findings: [] }) satisfies Report],
    ['hostile text', nasty()],
  ])('%s report validates against junit.xsd with xmllint', (_name, report) => {
    expect(() => xmllint(formatReport(report, 'junit', OPTIONS))).not.toThrow();
  });

  it('the xmllint check does reject what the schema forbids', () => {
    expect(() => xmllint('<testsuites><testsuite tests="0"/></testsuites>')).toThrow();
  });

  it('has one suite per formation with blocking items as failures and error diagnostics as errors', () => {
    const xml = formatReport(representativeReport(), 'junit', OPTIONS);
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1));
    expect(suites).toEqual([
      ['canary', '1', '0', '0', '0'],
      ['copperplate', '2', '0', '0', '0'],
      ['production-aws', '3', '2', '0', '0'],
      ['staging', '7', '2', '1', '2'],
    ]);
    expect(xml).toMatch(/<testsuites name="copperplate" tests="13" failures="4" errors="1">/);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const xml = formatReport(nasty(), 'junit', OPTIONS);
    expect(xml).not.toMatch(/[\u0001\u0007\u0008\uFFFE]/);
    expect(xml).toContain('name="prod&quot;&lt;&amp;&gt;&apos;"');
    expect(xml).toContain(']]&gt; &lt;x a="1"&gt; &amp;');
    expect(xml).toContain('🚀');
    expect(xml).toContain('&lt;![CDATA[ nope ]]&gt;');
  });
});
