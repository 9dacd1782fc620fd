import { resourceLabel } from '../core/manifest.js';
import type { Diagnostic, Location } from '../core/diagnostic.js';
import { approvalResourceLabel, type Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { FormatOptions, RuleMeta } from './format-options.js';
import { reportLocation } from '../core/report-fields.js';
import { approveCommand } from './labels.js';

type Json = Record<string, unknown>;
type SarifLevel = 'error' | 'warning' | 'note';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Versioned name of our fingerprint in `partialFingerprints`, as SARIF §3.27.17 recommends. */
export const FINGERPRINT_KEY = 'copperplateFingerprint/v1';

export function sarifLevel(severity: string): SarifLevel {
  if (severity === 'warning') return 'warning';
  if (severity === 'info') return 'note';
  return 'error';
}

/** Project-relative path → relative URI reference (each segment percent-encoded). */
function fileUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function physicalLocation(at: { file: string; line?: number | undefined; column?: number | undefined; endLine?: number | undefined; endColumn?: number | undefined }): Json {
  const loc: Json = { artifactLocation: { uri: fileUri(at.file), uriBaseId: '%SRCROOT%' } };
  if (at.line !== undefined && at.line >= 1) {
    const region: Json = { startLine: at.line };
    if (at.column !== undefined && at.column >= 1) region['startColumn'] = at.column;
    if (at.endLine !== undefined && at.endLine >= at.line) region['endLine'] = at.endLine;
    if (at.endColumn !== undefined && at.endColumn >= 1) region['endColumn'] = at.endColumn;
    loc['region'] = region;
  }
  return loc;
}

function ruleDescriptor(meta: RuleMeta): Json {
  const rule: Json = {
    id: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description ?? meta.title },
    help: { text: meta.remediation ?? meta.description ?? meta.title },
  };
  if (meta.helpUri !== undefined) rule['helpUri'] = meta.helpUri;
  rule['defaultConfiguration'] = { level: sarifLevel(meta.severity) };
  rule['properties'] = { severity: meta.severity };
  return rule;
}

/** Rule metadata for every policy given plus every policy or diagnostic code that produced a result. */
function collectRules(options: FormatOptions, diagnostics: readonly Diagnostic[], findings: readonly Finding[]): RuleMeta[] {
  const rules = new Map<string, RuleMeta>();
  for (const r of options.rules ?? []) if (!rules.has(r.id)) rules.set(r.id, r);
  for (const f of findings) {
    if (!rules.has(f.policy)) {
      const meta: RuleMeta = { id: f.policy, title: f.policy, severity: f.severity };
      if (f.remediation !== undefined) meta.remediation = f.remediation;
      rules.set(f.policy, meta);
    }
  }
  for (const d of diagnostics) {
    if (!rules.has(d.code)) rules.set(d.code, { id: d.code, title: d.code, severity: d.severity });
  }
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function diagnosticResult(d: Diagnostic, ruleIndex: number): Json {
  const result: Json = { ruleId: d.code, ruleIndex, level: sarifLevel(d.severity), message: { text: d.hint === undefined ? d.message : `${d.message}\n${d.hint}` } };
  if (d.file !== undefined) result['locations'] = [{ physicalLocation: physicalLocation({ ...d, file: d.file }) }];
  const props: Json = { kind: 'diagnostic' };
  if (d.formation !== undefined) props['formation'] = d.formation;
  result['properties'] = props;
  return result;
}

function findingMessage(f: Finding): string {
  const lines = [f.message];
  if (f.severity === 'signoff' && f.fingerprint !== undefined && f.approved !== true) {
    lines.push(`Sign-off required (fingerprint ${f.fingerprint}): ${approveCommand(f.fingerprint)}`);
  }
  if (f.remediation !== undefined) lines.push(f.remediation);
  return lines.join('\n');
}

function findingResult(f: Finding, ruleIndex: number): Json {
  const result: Json = { ruleId: f.policy, ruleIndex, level: sarifLevel(f.severity), message: { text: findingMessage(f) } };
  if (f.file !== undefined) result['locations'] = [{ physicalLocation: physicalLocation({ ...f, file: f.file }) }];
  const vs: Location | undefined = f.valueSource;
  if (vs !== undefined) {
    result['relatedLocations'] = [
      { id: 1, physicalLocation: physicalLocation(vs), message: { text: `value from ${f.formation === undefined ? 'the formation' : `formation ${f.formation}`}` } },
    ];
  }
  if (f.fingerprint !== undefined) result['partialFingerprints'] = { [FINGERPRINT_KEY]: f.fingerprint };
  if (f.approved === true) {
    const why = [f.approvedBy === undefined ? undefined : `approved by ${f.approvedBy}`, f.approvalReason].filter((s): s is string => s !== undefined);
    // No `status`: the schema versions in use disagree on its name (`state`/`status`), and an
    // absent status already means the suppression is accepted.
    const suppression: Json = { kind: 'external' };
    if (why.length > 0) suppression['justification'] = why.join(': ');
    result['suppressions'] = [suppression];
  }
  const props: Json = { kind: 'finding', severity: f.severity };
  if (f.code !== undefined) props['code'] = f.code;
  if (f.formation !== undefined) props['formation'] = f.formation;
  props['resource'] = approvalResourceLabel(f);
  props['resourceLabel'] = resourceLabel(f.resource);
  props['path'] = f.path;
  if (vs !== undefined) props['valueSource'] = reportLocation(vs);
  result['properties'] = props;
  return result;
}

export function sarifLog(report: Report, options: FormatOptions): Json {
  const { diagnostics, findings } = report;
  const rules = collectRules(options, diagnostics, findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = [
    ...diagnostics.map((d) => diagnosticResult(d, index.get(d.code) ?? -1)),
    ...findings.map((f) => findingResult(f, index.get(f.policy) ?? -1)),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'copperplate',
            version: options.toolVersion ?? report.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: report.exitCode !== 2, exitCode: report.exitCode }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(report: Report, options: FormatOptions): string {
  return JSON.stringify(sarifLog(report, options), null, 2) + '\n';
}
