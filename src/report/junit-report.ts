import { resourceLabel } from '../core/manifest.js';
import { cmp } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { FormatOptions } from './format-options.js';
import { approveCommand, locationLabel, ruleLabel } from './labels.js';
import { escapeXmlAttribute, escapeXmlText } from './xml-escape.js';

type Outcome = 'failure' | 'error' | 'skipped' | 'passed';

interface TestCase {
  classname: string;
  name: string;
  outcome: Outcome;
  type: string;
  message: string;
  details: string[];
}

interface Suite {
  name: string;
  cases: TestCase[];
}

/** Diagnostics outside any formation (config, policy loading) go to this suite. */
const TOOL_SUITE = 'copperplate';

function diagnosticCase(d: Diagnostic): TestCase {
  const loc = locationLabel(d);
  const details = [loc ?? '', d.hint === undefined ? '' : `hint: ${d.hint}`].filter((l) => l !== '');
  return {
    classname: TOOL_SUITE,
    name: loc === undefined ? d.code : `${d.code} ${loc}`,
    // An error diagnostic means copperplate could not check: a JUnit error, not a failure;
    // a warning fails under `--fail-on warning`.
    outcome: d.severity === 'error' ? 'error' : d.blocking === true ? 'failure' : 'passed',
    type: d.code,
    message: d.message,
    details,
  };
}

function findingCase(f: Finding): TestCase {
  const details: string[] = [];
  const loc = locationLabel(f);
  if (loc !== undefined) details.push(`at ${loc}`);
  if (f.valueSource !== undefined) details.push(`value from ${locationLabel(f.valueSource) ?? f.valueSource.file}`);
  if (f.fingerprint !== undefined) details.push(`fingerprint ${f.fingerprint}`);
  if (f.severity === 'signoff' && f.fingerprint !== undefined && f.approved !== true) details.push(`to approve: ${approveCommand(f.fingerprint)}`);
  if (f.remediation !== undefined) details.push(`remediation: ${f.remediation}`);
  let outcome: Outcome = f.blocking === true ? 'failure' : 'passed';
  if (f.approved === true) {
    outcome = 'skipped';
    const who = f.approvedBy === undefined ? 'approved' : `approved by ${f.approvedBy}`;
    details.unshift(f.approvalReason === undefined ? who : `${who}: ${f.approvalReason}`);
  }
  return {
    classname: ruleLabel(f),
    name: f.path === '' ? resourceLabel(f.resource) : `${resourceLabel(f.resource)} ${f.path}`,
    outcome,
    type: f.severity,
    message: f.message,
    details,
  };
}

function suites(report: Report): Suite[] {
  const { diagnostics, findings } = report;
  const byName = new Map<string, TestCase[]>();
  const add = (name: string, c: TestCase): void => {
    const list = byName.get(name);
    if (list) list.push(c);
    else byName.set(name, [c]);
  };
  for (const d of diagnostics) add(d.formation ?? TOOL_SUITE, diagnosticCase(d));
  for (const f of findings) add(f.formation ?? f.file ?? TOOL_SUITE, findingCase(f));
  return [...byName.entries()].sort(([a], [b]) => cmp(a, b)).map(([name, cases]) => ({ name, cases }));
}

function count(cases: readonly TestCase[], outcome: Outcome): number {
  return cases.filter((c) => c.outcome === outcome).length;
}

function caseXml(c: TestCase): string[] {
  const open = `    <testcase name="${escapeXmlAttribute(c.name)}" classname="${escapeXmlAttribute(c.classname)}"`;
  const body = [c.message, ...c.details].join('\n');
  switch (c.outcome) {
    case 'passed':
      // Warnings and notes pass, but their text stays visible in the CI's test view.
      return [`${open}>`, `      <system-out>${escapeXmlText(body)}</system-out>`, '    </testcase>'];
    case 'skipped':
      return [`${open}>`, `      <skipped>${escapeXmlText(body)}</skipped>`, '    </testcase>'];
    default:
      return [
        `${open}>`,
        `      <${c.outcome} type="${escapeXmlAttribute(c.type)}" message="${escapeXmlAttribute(c.message)}">${escapeXmlText(body)}</${c.outcome}>`,
        '    </testcase>',
      ];
  }
}

export function formatJunit(report: Report, _options: FormatOptions): string {
  const all = suites(report);
  const cases = all.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="copperplate" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}">`,
  ];
  for (const s of all) {
    lines.push(
      `  <testsuite name="${escapeXmlAttribute(s.name)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" errors="${count(s.cases, 'error')}" skipped="${count(s.cases, 'skipped')}">`,
    );
    for (const c of s.cases) lines.push(...caseXml(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
