import type { FormationInfo } from '../../../src/policy/define-policy.js';

/** A finding a case expects: its dotted path and the 1-based line:column it is placed at. */
export interface ExpectedFinding {
  path: string;
  line: number;
  column: number;
  from?: unknown;
  to?: unknown;
}

export interface BuiltinCase {
  name: string;
  /** Rendered manifests (one or more YAML documents); each is checked, all are `ctx.resources`. */
  yaml: string;
  /** Baseline manifests, paired by identity for `ctx.previous`. */
  previous?: string;
  formation?: FormationInfo;
  /** True for behaviour only the built-in has (the demo's short user-written version skips it). */
  builtinOnly?: boolean;
  /** Expected findings in document and report order; none for a valid case. */
  findings?: ExpectedFinding[];
}

export interface PolicyCases {
  policy: string;
  valid: BuiltinCase[];
  invalid: BuiltinCase[];
}

/** YAML written flush-left after the opening backtick: drops that first newline so line 1 is the first line. */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw({ raw: strings }, ...values).replace(/^\n/, '');
}
