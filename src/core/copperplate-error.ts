import type { DiagnosticCode } from './diagnostic-code.js';

/**
 * A real fault (not a problem in user input, which is a Diagnostic). Carries a stable code
 * and the original cause; callers that print it must use `message` only, which is built to
 * never contain secret material.
 */
export class CopperplateError extends Error {
  readonly code: DiagnosticCode;
  constructor(code: DiagnosticCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CopperplateError';
    this.code = code;
  }
}
