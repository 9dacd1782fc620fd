/** `vault:` section of copperplate.yaml. Environment variables override these (SPEC §8). */
export interface VaultConfig {
  /** Overridden by VAULT_ADDR. */
  address?: string;
  /** Vault Enterprise namespace; overridden by VAULT_NAMESPACE. */
  namespace?: string;
  /** Auth method; default: chosen from the environment (token, AppRole, Kubernetes, JWT). */
  auth?: 'token' | 'approle' | 'kubernetes' | 'jwt';
  /** Mount path of the auth method (default: the method's name, e.g. `approle`). */
  authMount?: string;
  /** Role for Kubernetes / JWT login (VAULT_K8S_ROLE / VAULT_JWT_ROLE override it). */
  role?: string;
  /** Service-account token file for Kubernetes login. */
  kubernetesTokenPath?: string;
  /** KV engine version; `auto` asks `sys/internal/ui/mounts/<path>` per path. */
  kvVersion?: 'auto' | 1 | 2;
}

/** `kms:` section. Credentials always come from the standard AWS chain. */
export interface KmsConfig {
  /** Overridden by AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  /** Endpoint override (tests, VPC endpoints); AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL override it. */
  endpoint?: string;
}

/** `sops:` section. */
export interface SopsConfig {
  /** age identities file; relative to the project root, `~` is the home directory. */
  ageKeyFile?: string;
}

export interface SecretsConfig {
  vault?: VaultConfig;
  kms?: KmsConfig;
  sops?: SopsConfig;
  /** Absolute directories outside the project that `file:` and `sops:` may read (SPEC §4). */
  allowOutsidePaths?: readonly string[];
}

/** JSON Schemas (draft 2020-12) of the copperplate.yaml sections above. */
export const secretsConfigSchema = {
  vault: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      address: { type: 'string', pattern: '^https?://' },
      namespace: { type: 'string' },
      auth: { enum: ['token', 'approle', 'kubernetes', 'jwt'] },
      authMount: { type: 'string', minLength: 1 },
      role: { type: 'string', minLength: 1 },
      kubernetesTokenPath: { type: 'string', minLength: 1 },
      kvVersion: { enum: ['auto', 1, 2] },
    },
  },
  kms: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      region: { type: 'string', minLength: 1 },
      endpoint: { type: 'string', pattern: '^https?://' },
    },
  },
  sops: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      ageKeyFile: { type: 'string', minLength: 1 },
    },
  },
} as const;
