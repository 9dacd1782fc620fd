import * as path from 'node:path';
import { expandPath, readLocalFile } from './local-file.js';
import type { SecretProviderContext } from './secret-provider.js';

export interface AgeIdentities {
  /** `AGE-SECRET-KEY-1…` strings; never printed. */
  identities: string[];
  /** Where identities were looked for, with what was found, for "no key" messages. */
  sources: string[];
}

/**
 * age identities from every place sops looks: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, the project's
 * `sops.ageKeyFile`, and the sops default key file.
 */
export function collectAgeIdentities(ctx: SecretProviderContext): AgeIdentities {
  const identities: string[] = [];
  const sources: string[] = [];
  const take = (label: string, text: string | undefined): void => {
    if (text === undefined) {
      sources.push(`${label} (missing)`);
      return;
    }
    const found = parseAgeKeys(text);
    identities.push(...found);
    sources.push(`${label} (${found.length} key${found.length === 1 ? '' : 's'})`);
  };
  const env = ctx.env;
  if (env['SOPS_AGE_KEY']) take('SOPS_AGE_KEY', env['SOPS_AGE_KEY']);
  const envFile = env['SOPS_AGE_KEY_FILE'];
  if (envFile) take(`SOPS_AGE_KEY_FILE ${envFile}`, readLocalFile(ctx.fs, expandPath(envFile, ctx.projectRoot, ctx.homeDir)));
  const configured = ctx.config.sops?.ageKeyFile;
  if (configured) take(`sops.ageKeyFile ${configured}`, readLocalFile(ctx.fs, expandPath(configured, ctx.projectRoot, ctx.homeDir)));
  const xdg = env['XDG_CONFIG_HOME'];
  const defaultFile = xdg ? path.join(xdg, 'sops/age/keys.txt') : path.join(ctx.homeDir, '.config/sops/age/keys.txt');
  const text = readLocalFile(ctx.fs, defaultFile);
  if (text !== undefined) take(defaultFile, text);
  else sources.push(`${defaultFile} (missing)`);
  return { identities: [...new Set(identities)], sources };
}

function parseAgeKeys(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('AGE-SECRET-KEY-1'));
}
