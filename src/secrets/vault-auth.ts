import * as path from 'node:path';
import { readLocalFile } from './local-file.js';
import { SecretFetchError } from './secret-fetch-error.js';
import type { SecretProviderContext } from './secret-provider.js';
import { encodeVaultPath, type VaultClient } from './vault-client.js';

export type VaultAuthMethod = 'token' | 'approle' | 'kubernetes' | 'jwt';

const DEFAULT_K8S_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * VAULT_TOKEN wins (the environment overrides copperplate.yaml, SPEC §8: a developer's own
 * token beats the project's CI login); then `vault.auth`; then the first method whose
 * environment variables are set; then ~/.vault-token.
 */
export function vaultAuthMethod(ctx: SecretProviderContext): VaultAuthMethod {
  const env = ctx.env;
  if (env['VAULT_TOKEN']) return 'token';
  if (ctx.config.vault?.auth) return ctx.config.vault.auth;
  if (env['VAULT_ROLE_ID'] && env['VAULT_SECRET_ID']) return 'approle';
  if (env['VAULT_K8S_ROLE']) return 'kubernetes';
  if (env['VAULT_JWT_ROLE'] && env['VAULT_JWT']) return 'jwt';
  return 'token';
}

/**
 * Obtains a client token once per run. Messages name the method and the status only: never
 * the token, role id, secret id or JWT.
 */
export async function vaultLogin(client: VaultClient, ctx: SecretProviderContext): Promise<string> {
  const method = vaultAuthMethod(ctx);
  const env = ctx.env;
  const config = ctx.config.vault ?? {};
  const mount = encodeVaultPath(config.authMount ?? method);
  switch (method) {
    case 'token': {
      const token = env['VAULT_TOKEN'] ?? readLocalFile(ctx.fs, path.join(ctx.homeDir, '.vault-token'))?.trim();
      if (!token) throw missing('no Vault token: VAULT_TOKEN is not set and ~/.vault-token does not exist');
      // Checking the token first turns a bad token into one clear error instead of a 403 per
      // path. Only 401/403 mean "rejected": a Vault-compatible server without this endpoint
      // (404, 405) still gets to answer the reads.
      const answer = await client.request('GET', 'auth/token/lookup-self', { token });
      if (answer.status === 401 || answer.status === 403) throw failed(`Vault rejected the token (${answer.status})`);
      return token;
    }
    case 'approle': {
      const roleId = env['VAULT_ROLE_ID'];
      const secretId = env['VAULT_SECRET_ID'];
      if (!roleId || !secretId) throw missing('AppRole login needs VAULT_ROLE_ID and VAULT_SECRET_ID');
      return login(client, `auth/${mount}/login`, { role_id: roleId, secret_id: secretId }, 'AppRole');
    }
    case 'kubernetes': {
      const role = env['VAULT_K8S_ROLE'] ?? config.role;
      if (!role) throw missing('Kubernetes login needs VAULT_K8S_ROLE (or vault.role)');
      const file = env['VAULT_K8S_TOKEN_PATH'] ?? config.kubernetesTokenPath ?? DEFAULT_K8S_TOKEN;
      const jwt = readLocalFile(ctx.fs, path.resolve(ctx.projectRoot, file))?.trim();
      if (!jwt) throw missing(`Kubernetes login needs the service-account token file ${file}, which cannot be read`);
      return login(client, `auth/${mount}/login`, { role, jwt }, 'Kubernetes');
    }
    case 'jwt': {
      const role = env['VAULT_JWT_ROLE'] ?? config.role;
      const jwt = env['VAULT_JWT'];
      if (!role || !jwt) throw missing('JWT/OIDC login needs VAULT_JWT_ROLE and VAULT_JWT');
      return login(client, `auth/${mount}/login`, { role, jwt }, 'JWT');
    }
  }
}

async function login(client: VaultClient, apiPath: string, body: Record<string, string>, label: string): Promise<string> {
  const answer = await client.request('POST', apiPath, { body });
  const token = (answer.body as { auth?: { client_token?: unknown } } | undefined)?.auth?.client_token;
  if (answer.status !== 200 || typeof token !== 'string' || token === '') {
    throw failed(`Vault ${label} login at ${apiPath} failed (${answer.status})`);
  }
  return token;
}

function missing(message: string): SecretFetchError {
  return new SecretFetchError('VAULT_AUTH_MISSING', message, {
    hint: 'set VAULT_TOKEN, VAULT_ROLE_ID + VAULT_SECRET_ID, VAULT_K8S_ROLE or VAULT_JWT_ROLE + VAULT_JWT',
  });
}

function failed(message: string): SecretFetchError {
  return new SecretFetchError('VAULT_AUTH_FAILED', message);
}
