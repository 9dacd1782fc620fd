import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContentCache } from '../core/content-cache.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { nodeFs, type ProjectFs } from '../core/project-fs.js';
import { FormationLoader, listFormations, loadStencils, type Stencil } from '../render/index.js';
import { loadConfig, type Config } from './config.js';
import { secretsConfigSections } from './secrets-config.js';

/** A loaded project: config, compiled stencils and the formation names (SPEC §1). */
export interface Project {
  root: string;
  fs: ProjectFs;
  config: Config;
  stencils: Stencil[];
  formations: string[];
  loader: FormationLoader;
  /** Problems found while loading (config, stencil syntax). */
  diagnostics: Diagnostic[];
  /** See {@link LoadProjectOptions.cacheDir}. */
  cacheDir?: string;
  /** The commit the project was read at (`--ref`); absent for the work tree. */
  revision?: string;
  /**
   * Directory whose `policies/` holds the policy files to load, when not the project root: a
   * project read from a commit has its policies written out there, since they run as code.
   */
  policyRoot?: string;
}

export interface LoadProjectOptions {
  /** Project root; default: the nearest ancestor of `cwd` with copperplate.yaml or stencils/. */
  root?: string;
  cwd?: string;
  /** File system to read from (default: the real one). */
  fs?: ProjectFs;
  /**
   * A per-user directory outside the project for work keyed by content hash: compiled values
   * schemas, transpiled TypeScript policies, parsed stencils and formation files (by the
   * bundled CLI). Default: nothing is cached.
   */
  cacheDir?: string;
}

export function findProjectRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'copperplate.yaml')) || fs.existsSync(path.join(dir, 'stencils'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export async function loadProject(options: LoadProjectOptions = {}): Promise<Project> {
  const pfs = options.fs ?? nodeFs;
  const cwd = options.cwd ?? '.';
  const root = path.resolve(options.root ?? findProjectRoot(cwd) ?? cwd);
  const { config, diagnostics } = loadConfig(root, pfs, secretsConfigSections());
  const contentCache = options.cacheDir === undefined ? undefined : new ContentCache(path.join(options.cacheDir, 'parsed'));
  const { stencils, diagnostics: stencilDiagnostics } = loadStencils(root, pfs, contentCache);
  diagnostics.push(...stencilDiagnostics);
  const formations = listFormations(root, pfs);
  if (stencils.length === 0 && formations.length === 0 && pfs.readFile(path.join(root, 'copperplate.yaml')) === undefined) {
    diagnostics.push(
      diagnostic('PROJECT_NOT_FOUND', `no copperplate project at ${root}: expected copperplate.yaml or stencils/ (use --project DIR, or \`copperplate init\`)`),
    );
  }
  return {
    root,
    fs: pfs,
    config,
    stencils,
    formations,
    loader: new FormationLoader(root, pfs, config.kubernetesVersion, contentCache),
    diagnostics,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  };
}
