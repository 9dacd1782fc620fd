import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import type { ProjectFs } from '../core/project-fs.js';
import type { ContentCache } from '../core/content-cache.js';
import { compileStencilCached, type Stencil } from './stencil.js';

const YAML_FILE = /\.ya?ml$/;

/** Compiles every stencil under `stencils/` once per run (files whose name starts with `_` are skipped). */
export function loadStencils(root: string, fs: ProjectFs, cache?: ContentCache): { stencils: Stencil[]; diagnostics: Diagnostic[] } {
  const stencils: Stencil[] = [];
  const diagnostics: Diagnostic[] = [];
  const dir = path.join(root, 'stencils');
  for (const name of fs.listFiles(dir)) {
    if (!YAML_FILE.test(name) || path.posix.basename(name).startsWith('_')) continue;
    const file = `stencils/${name}`;
    const read = readProjectFile(fs, root, path.join(dir, name));
    if (!read.ok) {
      diagnostics.push(fileDiagnostic(read, { file, line: 1, column: 1 }));
      continue;
    }
    const text = read.text;
    const compiled = compileStencilCached(file, name, text, cache);
    stencils.push(compiled.stencil);
    diagnostics.push(...compiled.diagnostics);
  }
  return { stencils, diagnostics };
}

/** Formation names: `formations/*.yaml` whose file name does not start with `_`. */
export function listFormations(root: string, fs: ProjectFs): string[] {
  return fs
    .listFiles(path.join(root, 'formations'))
    .filter((f) => !f.includes('/') && YAML_FILE.test(f) && !f.startsWith('_'))
    .map((f) => f.replace(YAML_FILE, ''))
    .sort();
}

export function noStencilsDiagnostic(): Diagnostic {
  return diagnostic('NO_STENCILS', 'no stencils found: put YAML files under stencils/', { file: 'stencils', line: 1, column: 1 });
}

export function noFormationsDiagnostic(): Diagnostic {
  return diagnostic('NO_FORMATIONS', 'no formations found: put one YAML file per destination under formations/ (files starting with `_` are layers)', { file: 'formations', line: 1, column: 1 });
}
