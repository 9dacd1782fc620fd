import * as path from 'node:path';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { loadBaseline, type BaselineSource } from '../engine/baseline.js';
import { checkManifests, type CheckResult, type CheckUnit } from '../engine/check-manifests.js';
import type { Project } from '../engine/project.js';
import type { RenderResult } from '../engine/render-project.js';
import type { BaselineFlags } from './check-flags.js';

/** The formation-level inputs of a check: each render, with its baseline when one was asked for. */
export async function checkRendered(
  project: Project,
  rendered: RenderResult,
  options: { baseline?: BaselineSource | undefined; now: Date; failOn: 'error' | 'warning'; mask?: readonly string[] },
): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [...rendered.diagnostics];
  let baseline: Awaited<ReturnType<typeof loadBaseline>>['baseline'] | undefined;
  if (options.baseline && !hasErrors(diagnostics)) {
    const loaded = await loadBaseline(project, options.baseline, rendered.formations.map((f) => f.formation.name));
    diagnostics.push(...loaded.diagnostics);
    baseline = loaded.baseline;
  }
  const units: CheckUnit[] = rendered.formations.map(({ formation, documents }) => {
    const unit: CheckUnit = {
      formation: { name: formation.name, environment: formation.environment, destination: formation.destination },
      manifests: documents.map((d) => d.manifest),
    };
    if (baseline) unit.baseline = baseline.get(formation.name) ?? [];
    return unit;
  });
  return checkManifests(project, units, {
    now: options.now,
    failOn: options.failOn,
    diagnostics,
    formations: rendered.formations.length,
    ...(options.mask ? { mask: options.mask } : {}),
  });
}

export function baselineSource(flags: BaselineFlags, cwd: string): BaselineSource | undefined {
  if (flags.baselineDir !== undefined) return { dir: path.resolve(cwd, flags.baselineDir) };
  if (flags.baseline !== undefined) return { ref: flags.baseline };
  return undefined;
}
