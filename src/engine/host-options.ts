import type { FailOn } from '../core/report.js';
import type { ValueOverrides } from '../render/index.js';
import type { SecretProvider } from '../secrets/index.js';
import type { BaselineSource } from './baseline.js';
import type { PolicyLoader } from './project-policies.js';
import type { Project } from './project.js';
import { projectSecrets } from './project-secrets.js';
import type { RenderOptions, SecretsMode } from './render-project.js';

/** What the library needs of its host; nothing is read from `process` behind the caller's back. */
export interface HostOptions {
  env?: Readonly<Record<string, string | undefined>>;
  homeDir?: string;
  /** Extra or replacement secret backends, by scheme. */
  secretProviders?: readonly SecretProvider[];
  /** Clock for approval expiry. */
  now?: () => Date;
  /** Loads project policy files (default: jiti, at run time). */
  policyLoader?: PolicyLoader;
}

/** Options of the runs that render formations and check them. */
export interface FormationRunOptions extends HostOptions {
  /** Formation names; default: every formation. */
  formations?: readonly string[];
  overrides?: ValueOverrides;
  baseline?: BaselineSource;
  /** Lowest finding severity that fails the run; default `error`. */
  failOn?: FailOn;
}

export function nowOf(options: HostOptions): Date {
  return options.now ? options.now() : new Date();
}

/** The render options a run derives from its host options. */
export function renderOptions(project: Project, options: FormationRunOptions, mode: SecretsMode): RenderOptions {
  return {
    ...(options.formations ? { formations: options.formations } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...projectSecrets(project, mode, {
      env: options.env ?? {},
      homeDir: options.homeDir ?? '',
      ...(options.secretProviders ? { providers: options.secretProviders } : {}),
    }),
  };
}
