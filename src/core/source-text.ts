/** Offset → line/column for one file, built once, answered by binary search. */
export class SourceText {
  readonly file: string;
  readonly text: string;
  private readonly lineStarts: number[];
  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }
  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }
  /** Where `offset` is; with `end`, the span up to it (exclusive), without the line breaks it ends in. */
  location(offset: number, end?: number): { file: string; line: number; column: number; endLine?: number; endColumn?: number } {
    const start = this.position(offset);
    if (end === undefined) return { file: this.file, ...start };
    while (end > offset + 1 && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    const stop = this.position(end);
    return { file: this.file, ...start, endLine: stop.line, endColumn: stop.column };
  }
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
