import { SourceText } from '../core/source-text.js';
import type { FormatOptions } from './format-options.js';

export type SourceLookup = (file: string) => SourceText | undefined;

/** Reads each file at most once per report, and never lets a failing reader break a report. */
export function sourceLookup(options: FormatOptions): SourceLookup {
  const cache = new Map<string, SourceText | undefined>();
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    let text: string | undefined;
    try {
      text = options.readSource?.(file);
    } catch {
      text = undefined;
    }
    const source = text === undefined ? undefined : new SourceText(file, text);
    cache.set(file, source);
    return source;
  };
}
