import { resolveSecrets, secretKey, type SecretProvider, type SecretRequest, type SecretsConfig } from '../secrets/index.js';
import type { Project } from './project.js';
import type { RenderOptions, SecretsMode } from './render-project.js';

export interface SecretsEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** Extra or replacement backends (embedders, tests). */
  providers?: readonly SecretProvider[];
  timeoutMs?: number;
}

/**
 * The render step that resolves (or, redacted, only checks) the secrets the selected stencils
 * use. Declared but unused references are neither fetched nor checked, only parsed (a typo in
 * a scheme is reported wherever it is) and warned about as unused values.
 */
export function projectSecrets(project: Project, mode: SecretsMode, environment: SecretsEnvironment): Pick<RenderOptions, 'resolveSecrets'> {
  return {
    resolveSecrets: async (formations) => {
      const requests: SecretRequest[] = [];
      for (const f of formations) {
        const used = new Set<string>();
        for (const s of f.stencils) for (const u of s.uses) if (u.startsWith('secrets.')) used.add(u.slice('secrets.'.length));
        for (const [name, decl] of f.secrets) {
          requests.push({ formation: f.name, name, ref: decl.ref, at: decl.at, ...(used.has(name) ? {} : { parseOnly: true }) });
        }
      }
      const { config } = project;
      const secretsConfig: SecretsConfig = {};
      if (config.vault) secretsConfig.vault = config.vault as NonNullable<SecretsConfig['vault']>;
      if (config.kms) secretsConfig.kms = config.kms as NonNullable<SecretsConfig['kms']>;
      if (config.sops) secretsConfig.sops = config.sops as NonNullable<SecretsConfig['sops']>;
      if (config.allowOutsidePaths.length > 0) secretsConfig.allowOutsidePaths = config.allowOutsidePaths;
      const result = await resolveSecrets(requests, {
        mode,
        projectRoot: project.root,
        fs: project.fs,
        env: environment.env,
        homeDir: environment.homeDir,
        config: secretsConfig,
        ...(environment.providers ? { providers: environment.providers } : {}),
        ...(environment.timeoutMs !== undefined ? { timeoutMs: environment.timeoutMs } : {}),
      });
      if (mode === 'redact') return { diagnostics: result.diagnostics };
      return {
        lookup: (formation, name) => result.values.get(secretKey(formation, name)),
        values: [...result.values.values()],
        diagnostics: result.diagnostics,
      };
    },
  };
}
