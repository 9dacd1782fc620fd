import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import type { Report } from '../../src/core/report.js';
import { formatReport } from '../../src/report/index.js';
import { FIXTURES, OPTIONS, representativeReport } from './representative-report.js';

const schema = JSON.parse(readFileSync(`${FIXTURES}report-sarif/sarif-schema-2.1.0.json`, 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: Record<string, number> } }[];
  partialFingerprints?: Record<string, string>;
  suppressions?: { kind: string; justification?: string }[];
  properties: Record<string, unknown>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string }; shortDescription: { text: string }; helpUri?: string }[] } }; results: SarifResult[] }[];
}

function sarif(report: Report): SarifLog {
  return JSON.parse(formatReport(report, 'sarif', OPTIONS)) as SarifLog;
}

describe('sarif report', () => {
  it.each([
    ['representative', representativeReport()],
    ['empty', buildReport({ toolVersion: '0.1.0', formations: 0, resources: 0, diagnostics: [], findings: [] }) satisfies Report],
  ])('%s report validates against the SARIF 2.1.0 schema', (_name, report) => {
    const ok = validate(sarif(report));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('points every ruleIndex at the rule with its ruleId', () => {
    const run = sarif(representativeReport()).runs[0]!;
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });

  it('carries rule metadata from the policies', () => {
    const rules = sarif(representativeReport()).runs[0]!.tool.driver.rules;
    const latest = rules.find((r) => r.id === 'no-latest-tag');
    expect(latest?.shortDescription.text).toBe('Container images must be pinned');
    expect(latest?.helpUri).toBe('https://example.com/docs/policies/no-latest-tag');
    expect(rules.find((r) => r.id === 'lb-ip-change')?.defaultConfiguration.level).toBe('error');
    expect(rules.find((r) => r.id === 'PLACEHOLDER_UNDEFINED')).toBeDefined();
  });

  it.each([
    ['no-latest-tag', 'container web uses :latest', 'error', false],
    ['lb-ip-change', 'loadBalancerIP changes from 203.0.113.10', 'error', false],
    ['lb-ip-change', 'loadBalancerIP changes from 198.51.100.1', 'error', true],
    ['requests-limits', 'container web declares', 'warning', false],
    ['image-pull-policy', 'imagePullPolicy Always', 'note', false],
    ['SCHEMA_LOCATION_UNSUPPORTED', 'policy no-latest-tag took', 'note', false],
    ['PLACEHOLDER_UNDEFINED', 'placeholder', 'error', false],
  ])('%s "%s" → level %s, suppressed %s', (ruleId, text, level, suppressed) => {
    const result = sarif(representativeReport()).runs[0]!.results.find((r) => r.ruleId === ruleId && r.message.text.startsWith(text));
    expect(result?.level).toBe(level);
    expect(result?.suppressions !== undefined).toBe(suppressed);
  });

  it('places findings with regions, fingerprints and value sources', () => {
    const result = sarif(representativeReport()).runs[0]!.results.find((r) => r.partialFingerprints?.['copperplateFingerprint/v1'] === '3f9c2a1b7d4e');
    expect(result?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('stencils/web.yaml');
    expect(result?.locations?.[0]?.physicalLocation.region).toEqual({ startLine: 35, startColumn: 19 });
    expect(result?.properties).toMatchObject({
      formation: 'production-aws',
      resource: 'production-aws/Service/shop/web',
      path: 'spec.loadBalancerIP',
      valueSource: { file: 'formations/production-aws.yaml', line: 9, column: 9 },
    });
  });

  it('records who approved and why as the suppression justification', () => {
    const result = sarif(representativeReport()).runs[0]!.results.find((r) => r.partialFingerprints?.['copperplateFingerprint/v1'] === 'a1b2c3d4e5f6');
    expect(result?.suppressions).toEqual([{ kind: 'external', justification: 'approved by ops@example.com: Move to the new static IP (OPS-123)' }]);
  });

  it('gives diagnostics without a file no location rather than a made-up one', () => {
    const result = sarif(representativeReport()).runs[0]!.results.find((r) => r.ruleId === 'GLOB_NO_MATCH');
    expect(result?.locations).toBeUndefined();
  });

  it('percent-encodes file names into URIs', () => {
    const report = representativeReport();
    report.diagnostics = [];
    report.findings = [{ ...report.findings[0]!, file: 'stencils/my app#1.yaml' }];
    const result = sarif(report).runs[0]!.results[0];
    expect(result?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('stencils/my%20app%231.yaml');
    expect(validate(sarif(report))).toBe(true);
  });
});
