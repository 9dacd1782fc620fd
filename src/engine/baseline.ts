import * as fs from 'node:fs';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Manifest } from '../core/manifest.js';
import type { ProjectFs } from '../core/project-fs.js';
import { manifestsFromYaml } from '../core/yaml-document.js';
import { gitTreeFs, resolveCommit } from './git-fs.js';
import { loadProject, type Project } from './project.js';
import { baselineFileFor } from './redacted-copy.js';
import { renderProject } from './render-project.js';
import { decodeUtf8 } from '../core/text-decode.js';

/** Where the previous version of the manifests comes from (SPEC §5.3). */
export type BaselineSource = { ref: string } | { dir: string } | { fs: ProjectFs; label: string };

/** Baseline manifests by formation name; a formation absent there is simply new. */
export type Baseline = ReadonlyMap<string, readonly Manifest[]>;

export async function loadBaseline(project: Project, source: BaselineSource, formations: readonly string[]): Promise<{ baseline: Baseline; diagnostics: Diagnostic[] }> {
  const baseline = new Map<string, Manifest[]>();
  const diagnostics: Diagnostic[] = [];
  if ('dir' in source) {
    // a mistyped directory must not turn every change-aware check into "no baseline, pass"
    if (!isDirectory(source.dir)) {
      diagnostics.push(diagnostic('BASELINE_NOT_FOUND', `baseline directory ${source.dir} does not exist or is not a directory`, { file: '--baseline-dir', line: 1, column: 1 }));
      return { baseline, diagnostics };
    }
    for (const name of formations) {
      // render --out's redacted copy, when there is one: a baseline exactly like a rendered one
      const file = baselineFileFor(path.join(source.dir, `${name}.yaml`));
      let text: string;
      try {
        text = decodeUtf8(fs.readFileSync(file));
      } catch (e) {
        // no file: the formation is new; any other failure is an unreadable baseline
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          diagnostics.push(diagnostic('FILE_UNREADABLE', `cannot read the baseline ${file}`, undefined, { formation: name }));
        }
        continue;
      }
      const parsed = manifestsFromYaml(path.relative(project.root, file).split(path.sep).join('/'), text, name);
      diagnostics.push(...parsed.diagnostics);
      baseline.set(name, parsed.manifests);
    }
    return { baseline, diagnostics };
  }
  const label = 'ref' in source ? source.ref : source.label;
  let old: Project;
  try {
    old = await loadProject({
      root: project.root,
      fs: 'ref' in source ? gitTreeFs(project.root, source.ref) : source.fs,
      ...(project.cacheDir !== undefined ? { cacheDir: project.cacheDir } : {}),
    });
    // a stamped baseline names its commit, as a `--ref` render of that commit does
    if ('ref' in source) old.revision = resolveCommit(project.root, source.ref, 'baseline');
  } catch (e) {
    if (!(e instanceof CopperplateError)) throw e;
    return { baseline, diagnostics: [diagnostic(e.code, e.message)] };
  }
  const names = formations.filter((name) => old.formations.includes(name));
  const result = names.length === 0 ? { formations: [], diagnostics: [] } : await renderProject(old, { formations: names });
  const projectError = result.diagnostics.find((d) => d.severity === 'error' && !result.formations.some((f) => f.diagnostics.includes(d)));
  for (const f of result.formations) {
    const error = projectError ?? f.diagnostics.find((d) => d.severity === 'error');
    if (error) {
      // an old commit that no longer renders must not block today's change: compare with nothing
      diagnostics.push(
        diagnostic('BASELINE_RENDER_FAILED', `formation ${f.name} does not render at ${label} (${error.code}); checked without a baseline`, undefined, {
          severity: 'warning',
          formation: f.name,
        }),
      );
      continue;
    }
    baseline.set(f.name, f.documents.map((d) => d.manifest));
  }
  return { baseline, diagnostics };
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
