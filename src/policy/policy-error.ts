import type { Location } from '../core/diagnostic.js';

/** A thrown value as one line of text for POLICY_ERROR (bounded: a policy controls it). */
export function describeError(err: unknown): string {
  let text: string;
  try {
    text = err instanceof Error ? `${err.name}: ${err.message}` : `threw ${String(err)}`;
  } catch {
    text = 'threw a value that cannot be printed';
  }
  return text;
}

/** The first stack frame in the policy's file, as a location in that (project-relative) file. */
export function policyFrame(stack: string | undefined, file: string): Location | undefined {
  if (typeof stack !== 'string' || file === '') return undefined;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`[/\\\\]${escaped}:(\\d+):(\\d+)`).exec(stack);
  return m ? { file, line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** The stack of a thrown value, when it has one that can be read without running its code. */
export function stackOf(err: unknown): string | undefined {
  try {
    return err instanceof Error && typeof err.stack === 'string' ? err.stack : undefined;
  } catch {
    return undefined;
  }
}
