import * as path from 'node:path';
import type { BaselineSource } from '../engine/baseline.js';
import type { BaselineFlags } from './check-flags.js';

export function baselineSource(flags: BaselineFlags, cwd: string): BaselineSource | undefined {
  if (flags.baselineDir !== undefined) return { dir: path.resolve(cwd, flags.baselineDir) };
  if (flags.baseline !== undefined) return { ref: flags.baseline };
  return undefined;
}
