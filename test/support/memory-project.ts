import * as path from 'node:path';
import { memoryFs } from '../../src/core/project-fs.js';
import { loadProject, type Project } from '../../src/engine/project.js';

/** Root of in-memory test projects (never touched on disk). */
export const MEMORY_ROOT = path.resolve('/memory-project');

/** Loads a project held in memory: `files` maps project-relative paths to their text. */
export async function memoryProject(files: Readonly<Record<string, string>>): Promise<Project> {
  const abs = Object.fromEntries(Object.entries(files).map(([rel, text]) => [path.join(MEMORY_ROOT, rel), text]));
  return loadProject({ root: MEMORY_ROOT, fs: memoryFs(abs) });
}
