/**
 * A place in a source file. Lines and columns are 1-based; columns count UTF-16 code units.
 * `endLine`/`endColumn`, where the source has them, end the span (the column is exclusive).
 */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Just the position fields of `at` (a SourcePointer carries more), end of span included when known. */
export function locationOf(at: Location): Location {
  const loc: Location = { file: at.file, line: at.line, column: at.column };
  if (at.endLine !== undefined && at.endColumn !== undefined) {
    loc.endLine = at.endLine;
    loc.endColumn = at.endColumn;
  }
  return loc;
}

/** Source order of two possibly position-less things: file, line, column; no position first. */
export function compareLocations(a: Partial<Location>, b: Partial<Location>): number {
  return cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Code-unit order of strings (locale-independent, so reports are byte-identical everywhere). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
