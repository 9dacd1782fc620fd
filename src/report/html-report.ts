import { resourceLabel } from '../core/manifest.js';
import { createHash } from 'node:crypto';
import { cmp, type Diagnostic, type Location } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report, ReportBaseline } from '../core/report.js';
import type { ResourceDiff } from '../core/resource-diff.js';
import type { FormatOptions, RuleMeta } from './format-options.js';
import { htmlFrame } from './html-frame.js';
import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLES } from './html-styles.js';
import { approveCommand, locationLabel, ruleLabel } from './labels.js';
import { sourceLookup, type SourceLookup } from './source-cache.js';
import { summaryLine } from './summary-line.js';
import { escapeXmlAttribute as attr, escapeXmlText as esc } from './xml-escape.js';

const SEVERITIES = ['error', 'signoff', 'warning', 'info'];

/** What the reader sees first; the same verdict as the exit code. */
interface Verdict {
  kind: 'pass' | 'block' | 'fail';
  title: string;
  exit: number;
}

/** The report's own verdict (decided once when it was built), as the page shows it. */
function verdictOf(report: Report): Verdict {
  if (report.exitCode === 2) return { kind: 'fail', title: 'Could not check', exit: 2 };
  if (report.exitCode === 1) return { kind: 'block', title: 'Blocked', exit: 1 };
  return { kind: 'pass', title: 'Passed', exit: 0 };
}

/** Everything one page needs while it is written: sources for code frames and policy metadata. */
interface Page {
  sources: SourceLookup;
  rules: ReadonlyMap<string, RuleMeta>;
  /** `formation/Kind/name` → section id (namespaced only where two resources would share one). */
  resourceIds: ReadonlyMap<string, string>;
  /** Who must sign, as the repository enforces it (the same for every sign-off of a run). */
  approvers: Report['approvers'];
}

function resourceKey(formation: string | undefined, r: { kind: string; namespace?: string | undefined; name: string }): string {
  return JSON.stringify([formation ?? '', r.kind, r.namespace ?? '', r.name]);
}

/** `#<formation>/<kind>/<name>` deep links; the namespace joins in only when it is needed to tell two apart. */
function resourceIds(keys: Iterable<string>): Map<string, string> {
  const parsed = [...new Set(keys)].map((k) => ({ key: k, parts: JSON.parse(k) as [string, string, string, string] }));
  const short = (p: readonly string[]): string => [p[0], p[1], p[3]].filter((s) => s !== '').join('/');
  const uses = new Map<string, number>();
  for (const { parts } of parsed) uses.set(short(parts), (uses.get(short(parts)) ?? 0) + 1);
  return new Map(
    parsed.map(({ key, parts }) => [key, (uses.get(short(parts)) ?? 0) > 1 ? parts.filter((s) => s !== '').join('/') : short(parts)]),
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function changeLine(from: unknown, to: unknown): string {
  return (
    `<span class="from"><span class="sr">from </span>${esc(show(from))}</span>` +
    `<span class="arrow" aria-hidden="true">→</span>` +
    `<span class="to"><span class="sr">to </span>${esc(show(to))}</span>`
  );
}

function facts(rows: readonly (readonly [string, string] | undefined)[]): string {
  const body = rows
    .filter((r): r is readonly [string, string] => r !== undefined)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`)
    .join('');
  return `<dl class="facts">${body}</dl>`;
}

function policyLink(f: Finding, page: Page): string {
  const rule = page.rules.get(f.policy);
  const title = rule?.title === undefined ? '' : ` <span class="rule">${esc(rule.title)}</span>`;
  const docs = rule?.helpUri === undefined ? '' : ` <a class="docs" href="${attr(rule.helpUri)}" rel="noreferrer">docs<span class="sr"> of ${esc(f.policy)}</span></a>`;
  return `<a href="#${attr(`policy:${f.policy}`)}">${esc(ruleLabel(f))}</a>${title}${docs}`;
}

function framesOf(f: Partial<Location> & Pick<Finding, 'valueSource'>, page: Page, role: string): string {
  const frames: string[] = [];
  if (f.file !== undefined && f.line !== undefined) {
    frames.push(htmlFrame(page.sources(f.file), { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }, role));
  }
  const vs = f.valueSource;
  if (vs !== undefined) frames.push(htmlFrame(page.sources(vs.file), vs, 'value from formation'));
  return frames.length === 0 ? '' : `<div class="frames">${frames.join('')}</div>`;
}

function approvalStatus(f: Finding): string {
  if (f.approved !== true) return '';
  const who = f.approvedBy === undefined ? 'Approved' : `Approved by <b>${esc(f.approvedBy)}</b>`;
  const why = f.approvalReason === undefined ? '' : `: ${esc(f.approvalReason)}`;
  return `<p class="status"><span class="badge b-ok">approved</span> ${who}${why}</p>`;
}

function remedy(f: Finding): string {
  return f.remediation === undefined ? '' : `<p class="remedy"><b>How to fix:</b> ${esc(f.remediation)}</p>`;
}

/** The report's own word on whether this item fails the run (under the run's `--fail-on`), never derived here. */
function blockMark(x: { blocking?: boolean | undefined }): string {
  return x.blocking === true ? ' <span class="badge b-block">blocks</span>' : '';
}

function itemAttrs(sev: string, policy: string, formation: string | undefined, approved: boolean): string {
  return `data-sev="${attr(sev)}" data-policy="${attr(policy)}" data-formation="${attr(formation ?? '')}" data-approved="${approved}"`;
}

function signoffCard(f: Finding, page: Page): string {
  const fp = f.fingerprint ?? '';
  const approved = f.approved === true;
  const titleId = `${fp}-title`;
  const resId = page.resourceIds.get(resourceKey(f.formation, f.resource));
  const resource = `${resId === undefined ? esc(resourceLabel(f.resource)) : `<a href="#${attr(resId)}">${esc(resourceLabel(f.resource))}</a>`}` + (f.path === '' ? '' : ` <code>${esc(f.path)}</code>`);
  const command = approveCommand(fp);
  const cmd = approved
    ? ''
    : `<div class="cmd"><code>${esc(command)}</code><button class="copy js-only" type="button" data-copy="${attr(command)}" aria-label="Copy the approve command for ${attr(fp)}">Copy</button></div>`;
  return (
    `<article class="card item sev-signoff${approved ? ' approved' : ''}" id="${attr(fp)}" tabindex="-1" aria-labelledby="${attr(titleId)}" ${itemAttrs('signoff', f.policy, f.formation, approved)}>` +
    `<div class="head">${approved ? '<span class="badge b-ok">approved</span>' : '<span class="badge b-signoff">sign-off required</span>'}${blockMark(f)} <span class="msg" id="${attr(titleId)}">${esc(f.message)}</span></div>` +
    facts([
      ['Change', `<span class="change">${changeLine(f.from, f.to)}</span>`],
      ['Policy', policyLink(f, page)],
      f.formation === undefined ? undefined : ['Formation', esc(f.formation)],
      ['Resource', resource],
      page.approvers === undefined ? undefined : ['Who must sign', esc(page.approvers.summary)],
      ['Fingerprint', `<a href="#${attr(fp)}"><code>${esc(fp)}</code></a>`],
    ]) +
    cmd +
    approvalStatus(f) +
    framesOf(f, page, 'stencil') +
    remedy(f) +
    `</article>`
  );
}

function findingCard(f: Finding, id: string, page: Page): string {
  const approved = f.approved === true;
  const titleId = `${id}-title`;
  return (
    `<article class="card item sev-${attr(f.severity)}${approved ? ' approved' : ''}" id="${attr(id)}" tabindex="-1" aria-labelledby="${attr(titleId)}" ${itemAttrs(f.severity, f.policy, f.formation, approved)}>` +
    `<div class="head"><span class="badge b-${attr(f.severity)}">${esc(f.severity)}</span>${blockMark(f)} <span class="msg" id="${attr(titleId)}">${esc(f.message)}</span></div>` +
    facts([
      ['Policy', policyLink(f, page)],
      f.path === '' ? undefined : ['Path', `<code>${esc(f.path)}</code>`],
      f.from === undefined && f.to === undefined ? undefined : ['Change', `<span class="change">${changeLine(f.from, f.to)}</span>`],
    ]) +
    approvalStatus(f) +
    framesOf(f, page, 'stencil') +
    remedy(f) +
    `</article>`
  );
}

/** A sign-off listed under its resource: it points at the card at the top instead of repeating it. */
function signoffPointer(f: Finding): string {
  const fp = f.fingerprint ?? '';
  return (
    `<p class="pointer item" data-dup ${itemAttrs('signoff', f.policy, f.formation, f.approved === true)}>` +
    `<span class="badge ${f.approved === true ? 'b-ok">approved' : 'b-signoff">sign-off'}</span> ${esc(f.message)} ` +
    `<a href="#${attr(fp)}">sign-off <code>${esc(fp)}</code></a></p>`
  );
}

function diagnosticCard(d: Diagnostic, id: string, page: Page): string {
  const titleId = `${id}-title`;
  return (
    `<article class="card item sev-${attr(d.severity)}" id="${attr(id)}" tabindex="-1" aria-labelledby="${attr(titleId)}" ${itemAttrs(d.severity, '', d.formation, false)}>` +
    `<div class="head"><span class="badge b-${attr(d.severity)}">${esc(d.severity)}</span>${blockMark(d)} <code>${esc(d.code)}</code> <span class="msg" id="${attr(titleId)}">${esc(d.message)}</span></div>` +
    facts([
      d.formation === undefined ? undefined : ['Formation', esc(d.formation)],
      d.file === undefined ? undefined : ['Where', `<code>${esc(locationLabel(d) ?? d.file)}</code>`],
    ]) +
    framesOf(d, page, 'source') +
    (d.hint === undefined ? '' : `<p class="remedy"><b>Hint:</b> ${esc(d.hint)}</p>`) +
    `</article>`
  );
}

function diffBlock(diff: ResourceDiff): string {
  const head =
    diff.status === 'added'
      ? 'New resource: not in the baseline.'
      : diff.status === 'removed'
        ? 'Removed: only in the baseline.'
        : `${diff.changes.length} changed ${diff.changes.length === 1 ? 'field' : 'fields'} against the baseline.`;
  let table = '';
  if (diff.changes.length > 0) {
    const rows = diff.changes
      .map(
        (c) =>
          `<tr><td class="path"><code>${esc(c.path === '' ? '(resource)' : c.path)}</code></td><td class="k-${c.kind}">${esc(c.kind)}</td>` +
          `<td>${c.kind === 'added' ? '' : `<code>${esc(show(c.from))}</code>`}</td><td>${c.kind === 'removed' ? '' : `<code>${esc(show(c.to))}</code>`}</td>` +
          `<td>${c.file === undefined ? '' : `<code>${esc(locationLabel(c) ?? c.file)}</code>`}</td></tr>`,
      )
      .join('');
    table =
      `<table class="diff"><thead><tr><th scope="col">Field</th><th scope="col">Change</th><th scope="col">Baseline</th><th scope="col">Now</th><th scope="col">Source</th></tr></thead>` +
      `<tbody>${rows}</tbody></table>`;
  }
  return `<div class="item diffs" ${itemAttrs('change', '', diff.formation, false)}><p><span class="badge b-change">${esc(diff.status)}</span> ${esc(head)}</p>${table}</div>`;
}

interface ResourceGroup {
  key: string;
  formation: string | undefined;
  resource: Finding['resource'];
  findings: { finding: Finding; id: string }[];
  diff?: ResourceDiff;
}

function resourceSection(g: ResourceGroup, page: Page): string {
  const id = page.resourceIds.get(g.key) ?? g.key;
  const headId = `${id}-heading`;
  const where = g.diff !== undefined ? locationLabel(g.diff) : locationLabel(g.findings.find((f) => f.finding.file !== undefined)?.finding ?? {});
  const body = g.findings
    .map(({ finding, id: fid }) => (finding.severity === 'signoff' ? signoffPointer(finding) : findingCard(finding, fid, page)))
    .join('');
  return (
    `<section class="resource group" id="${attr(id)}" tabindex="-1" aria-labelledby="${attr(headId)}">` +
    `<h4 id="${attr(headId)}">${esc(resourceLabel(g.resource))} <span class="where">${esc(g.resource.apiVersion)}${where === undefined ? '' : ` · ${esc(where)}`}</span></h4>` +
    body +
    (g.diff === undefined ? '' : diffBlock(g.diff)) +
    `</section>`
  );
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function baselineText(b: ReportBaseline | undefined): string {
  if (b === undefined) return 'none: change-aware policies saw no previous version';
  if (b.ref !== undefined) return `git <code>${esc(b.ref)}</code>`;
  if (b.dir !== undefined) return `rendered manifests in <code>${esc(b.dir)}</code>`;
  return `rendered manifests in <code>${esc(b.file ?? '')}</code>`;
}

function countItem(n: number, one: string, many: string): string {
  return `<li><b>${n}</b> ${esc(n === 1 ? one : many)}</li>`;
}

function options(values: readonly string[], all: string): string {
  return `<option value="">${esc(all)}</option>` + values.map((v) => `<option value="${attr(v)}">${esc(v)}</option>`).join('');
}

/**
 * One self-contained HTML page for people (SPEC §7 `html`): verdict and counts, sign-offs with
 * the approve command, findings grouped by formation and resource with the stencil's and the
 * value's code frames, baseline diffs, filters. It loads nothing: styles and script are inline
 * and pinned by a Content-Security-Policy of their hashes. Same report → same bytes.
 */
export function formatHtml(report: Report, options_: FormatOptions): string {
  const { diagnostics, findings } = report;
  const version = options_.toolVersion ?? report.tool.version;
  const verdict = verdictOf(report);
  const diffs = report.diffs ?? [];

  // Group findings (and diffs) by formation, then resource.
  const groups = new Map<string, ResourceGroup>();
  const group = (formation: string | undefined, resource: Finding['resource']): ResourceGroup => {
    const key = resourceKey(formation, resource);
    let g = groups.get(key);
    if (g === undefined) {
      g = { key, formation, resource, findings: [] };
      groups.set(key, g);
    }
    return g;
  };
  findings.forEach((f, i) => group(f.formation, f.resource).findings.push({ finding: f, id: `finding:${i + 1}` }));
  for (const d of diffs) group(d.formation, d.resource).diff = d;
  const page: Page = {
    sources: sourceLookup(options_),
    rules: new Map((options_.rules ?? []).map((r) => [r.id, r])),
    resourceIds: resourceIds(groups.keys()),
    approvers: report.approvers,
  };

  const formationNames = [
    ...new Set([
      ...(report.formations ?? []).map((f) => f.name),
      ...findings.map((f) => f.formation),
      ...diagnostics.map((d) => d.formation),
      ...diffs.map((d) => d.formation),
    ]),
  ]
    .filter((n): n is string => n !== undefined)
    .sort();
  const policies = [...new Set(findings.map((f) => f.policy))].sort();

  // Header.
  const s = report.summary;
  const formationList =
    (report.formations ?? []).length === 0
      ? esc(String(s.formations))
      : (report.formations ?? [])
          .map((f) => {
            const where = [f.context, f.namespace].filter((x) => x !== undefined).join('/');
            const details = [`Kubernetes ${f.kubernetesVersion}`, f.environment, where === '' ? undefined : where, `${f.resources} resources`]
              .filter((x) => x !== undefined)
              .join(' · ');
            return `<span class="fm"><b>${esc(f.name)}</b> <small>${esc(details)}</small></span>`;
          })
          .join('');
  const header =
    `<header class="top" role="banner"><div class="wrap">` +
    `<div class="brand"><h1>copperplate report <span>copperplate ${esc(version)}</span></h1>` +
    `<button id="theme" class="js-only" type="button" aria-pressed="false" title="Switch between light and dark (t)">Dark theme</button></div>` +
    `<div class="verdict ${verdict.kind}" role="status"><strong>${esc(verdict.title)}</strong><span>exit ${verdict.exit} · ${esc(summaryLine(s))}</span></div>` +
    `<ul class="counts" aria-label="Counts">` +
    countItem([...findings, ...diagnostics].filter((x) => x.blocking === true).length, 'blocking', 'blocking') +
    countItem(s.errors, 'error', 'errors') +
    countItem(s.signoffsRequired, 'sign-off required', 'sign-offs required') +
    countItem(s.warnings, 'warning', 'warnings') +
    countItem(s.approved, 'approved', 'approved') +
    countItem(s.resources, 'resource', 'resources') +
    `</ul>` +
    `<dl class="meta"><dt>Formations</dt><dd>${formationList}</dd><dt>Baseline</dt><dd>${baselineText(report.baseline)}</dd></dl>` +
    `</div></header>`;

  // Filters (JavaScript only: without it the whole report is simply shown).
  const bySeverity = new Map<string, number>();
  for (const x of [...findings, ...diagnostics]) bySeverity.set(x.severity, (bySeverity.get(x.severity) ?? 0) + 1);
  bySeverity.set('change', diffs.length);
  const sevBoxes = [...SEVERITIES, 'change']
    .filter((sev) => (bySeverity.get(sev) ?? 0) > 0)
    .map((sev) => {
      const n = bySeverity.get(sev) ?? 0;
      return `<label><input type="checkbox" name="sev" value="${sev}" checked> ${sev === 'signoff' ? 'sign-off' : sev} (${n})</label>`;
    })
    .join('');
  const nav =
    `<nav class="filters js-only" aria-label="Filters"><div class="wrap">` +
    `<input type="search" id="q" placeholder="Search (/)" aria-label="Search findings" autocomplete="off">` +
    `<fieldset><legend>Severity</legend>${sevBoxes}<label><input type="checkbox" id="f-approved" checked> approved</label></fieldset>` +
    `<label>Policy <select id="f-policy">${options(policies, 'all')}</select></label>` +
    `<label>Formation <select id="f-formation">${options(formationNames, 'all')}</select></label>` +
    `<button type="button" id="reset">Reset</button>` +
    `<output id="shown" aria-live="polite"></output>` +
    `</div></nav>`;

  // Sections.
  const signoffs = findings.filter((f) => f.severity === 'signoff' && f.fingerprint !== undefined);
  const sections: string[] = [];
  if (signoffs.length > 0) {
    sections.push(
      `<section class="group" aria-labelledby="h-signoffs"><h2 id="h-signoffs">Sign-offs <span class="n">(${signoffs.length})</span></h2>` +
        signoffs.map((f) => signoffCard(f, page)).join('') +
        `</section>`,
    );
  }
  if (diagnostics.length > 0) {
    const title = diagnostics.some((d) => d.severity === 'error') ? 'Problems that stopped the check' : 'Diagnostics';
    sections.push(
      `<section class="group" aria-labelledby="h-diagnostics"><h2 id="h-diagnostics">${title} <span class="n">(${diagnostics.length})</span></h2>` +
        diagnostics.map((d, i) => diagnosticCard(d, `diagnostic:${i + 1}`, page)).join('') +
        `</section>`,
    );
  }
  const byFormation = new Map<string, ResourceGroup[]>();
  for (const g of groups.values()) {
    const name = g.formation ?? '';
    byFormation.set(name, [...(byFormation.get(name) ?? []), g]);
  }
  const formationSections = [...byFormation.keys()]
    .sort()
    .map((name) => {
      const list = (byFormation.get(name) ?? []).sort((a, b) => cmp(page.resourceIds.get(a.key) ?? '', page.resourceIds.get(b.key) ?? ''));
      const headId = `h-formation:${name}`;
      const label = name === '' ? 'Resources' : name;
      const id = name === '' ? 'resources' : name;
      return (
        `<section class="formation group" id="${attr(id)}" aria-labelledby="${attr(headId)}">` +
        `<h3 id="${attr(headId)}">${esc(label)} <span class="n">(${list.length} ${list.length === 1 ? 'resource' : 'resources'})</span></h3>` +
        list.map((g) => resourceSection(g, page)).join('') +
        `</section>`
      );
    })
    .join('');
  sections.push(
    `<section aria-labelledby="h-findings"><h2 id="h-findings">Findings${diffs.length > 0 ? ' and changes' : ''} by formation and resource</h2>` +
      (groups.size === 0 ? '<p class="empty">No findings.</p>' : formationSections) +
      `</section>`,
  );
  if (policies.length > 0) {
    const entries = policies
      .map((id) => {
        const r = page.rules.get(id);
        const parts = [r?.title, r?.description].filter((x): x is string => x !== undefined).map((t) => `<p>${esc(t)}</p>`);
        if (r?.remediation !== undefined) parts.push(`<p><b>How to fix:</b> ${esc(r.remediation)}</p>`);
        if (r?.helpUri !== undefined) parts.push(`<p><a href="${attr(r.helpUri)}" rel="noreferrer">Documentation of ${esc(id)}</a></p>`);
        return `<dt id="${attr(`policy:${id}`)}"><code>${esc(id)}</code>${r === undefined ? '' : ` <span class="badge b-${attr(r.severity)}">${esc(r.severity)}</span>`}</dt><dd>${parts.join('')}</dd>`;
      })
      .join('');
    sections.push(`<section aria-labelledby="h-policies"><h2 id="h-policies">Policies</h2><dl class="policy">${entries}</dl></section>`);
  }

  const footer =
    `<footer><div class="wrap">Written by copperplate ${esc(version)}. ` +
    `<span class="keys js-only">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous finding, <kbd>/</kbd> search, <kbd>c</kbd> copy the approve command, <kbd>t</kbd> theme.</span>` +
    `</div></footer>`;

  const csp = `default-src 'none'; style-src ${sha256(HTML_STYLES)}; script-src ${sha256(HTML_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `copperplate: ${verdict.title.toLowerCase()} (${summaryLine(s)})`;
  return (
    `<!doctype html>\n<html lang="en" class="no-js">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n` +
    `<meta name="generator" content="copperplate ${attr(version)}">\n<link rel="icon" href="data:,">\n` +
    `<title>${esc(title)}</title>\n<style>${HTML_STYLES}</style>\n</head>\n<body>\n` +
    `<a class="skip" href="#main">Skip to the report</a>\n${header}\n${nav}\n` +
    `<main id="main" class="wrap" tabindex="-1">\n${sections.join('\n')}\n</main>\n${footer}\n` +
    `<script>${HTML_SCRIPT}</script>\n</body>\n</html>\n`
  );
}
