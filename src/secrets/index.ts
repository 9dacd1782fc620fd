export type {
  ParsedSecretRef,
  SecretProblem,
  SecretProvider,
  SecretProviderContext,
} from './secret-provider.js';
export type { SecretRefSpec } from '../core/secret-ref-spec.js';
export { SecretFetchError } from './secret-fetch-error.js';
export type { SecretsConfig } from './secrets-config.js';
export { secretsConfigSchema } from './secrets-config.js';
export type { ResolveSecretsOptions, SecretRequest } from './resolve-secrets.js';
export { builtinSecretProviders, resolveSecrets, secretKey } from './resolve-secrets.js';
export { vaultProvider } from './vault-provider.js';
export { awskmsProvider } from './awskms-provider.js';
export { sopsProvider } from './sops-provider.js';
export { envProvider } from './env-provider.js';
export { fileProvider } from './file-provider.js';
export { encryptSops } from './sops-encrypt.js';
