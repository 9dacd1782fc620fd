import type { ReportSummary } from '../core/report.js';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * `2 errors, 1 warning, 1 sign-off required, 0 approved in 3 formations (42 resources)`;
 * `validate` checks no formations: `… in 42 resources`. Ends in the run's verdict.
 */
export function summaryLine(s: ReportSummary): string {
  const resources = count(s.resources, 'resource', 'resources');
  return (
    `${count(s.errors, 'error', 'errors')}, ${count(s.warnings, 'warning', 'warnings')}, ` +
    `${count(s.signoffsRequired, 'sign-off required', 'sign-offs required')}, ${s.approved} approved ` +
    (s.formations > 0 ? `in ${count(s.formations, 'formation', 'formations')} (${resources})` : `in ${resources}`) +
    (s.blocking ? ': blocking' : ': nothing blocking')
  );
}
