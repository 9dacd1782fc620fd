import type { SchemaNode } from '../core/schema-check.js';

const NAME = '^[A-Za-z_][A-Za-z0-9_-]*$';
const KUBERNETES_VERSION = '^v?1\\.\\d+(\\.\\d+)?$';

/** Formation and layer files (SPEC §3). Published for editors as schemas/formation.schema.json. */
export const formationSchema: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://copperplate.dev/schemas/formation.schema.json',
  title: 'copperplate formation or layer',
  type: 'object',
  additionalProperties: false,
  properties: {
    extends: {
      description: 'Layer files merged first to last before this file, relative to this file.',
      anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
    },
    environment: { type: 'string', minLength: 1, description: 'Environment name, available as ${formation.environment}.' },
    destination: {
      type: 'object',
      additionalProperties: false,
      properties: {
        context: { type: 'string', description: 'kube context' },
        namespace: { type: 'string', description: 'namespace, available as ${formation.namespace}' },
        kubernetesVersion: {
          anyOf: [{ type: 'string', pattern: KUBERNETES_VERSION }, { type: 'number' }],
          description: "Kubernetes minor version of this formation's cluster, e.g. \"1.30\"; default: copperplate.yaml's kubernetesVersion",
        },
      },
    },
    stencils: {
      type: 'object',
      additionalProperties: false,
      description: 'Globs relative to stencils/; default: every stencil.',
      properties: {
        include: { type: 'array', items: { type: 'string', minLength: 1 } },
        exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    values: {
      type: 'object',
      description: 'Values for ${placeholders}; `formation` and `secrets` are reserved.',
      propertyNames: { pattern: NAME, description: 'a placeholder name: letters, digits, _ and -' },
    },
    secrets: {
      type: 'object',
      description: 'Secret references, used in stencils as ${secrets.NAME}.',
      propertyNames: { pattern: NAME, description: 'a secret name: letters, digits, _ and -' },
      additionalProperties: {
        // any scheme: the secrets layer's provider registry checks the reference, with a position
        anyOf: [
          { type: 'string', minLength: 1, description: 'scheme:reference: vault:, awskms:, sops:, env:, file: or a custom secret provider\'s scheme' },
          { type: 'object', description: 'object form { <scheme>: …, … }, e.g. { awskms: <base64>, context: {…} }' },
        ],
      },
    },
  },
};
