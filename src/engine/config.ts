import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { checkSchema, type SchemaNode } from '../core/schema-check.js';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import type { ProjectFs } from '../core/project-fs.js';
import { locateInDocument, parseYamlFile, yamlToJs } from '../core/yaml-document.js';

/** `copperplate.yaml` (SPEC §8) with defaults applied. */
export interface Config {
  kubernetesVersion: string;
  schemaLocations: string[];
  builtinPolicies: string[];
  disablePolicies: string[];
  strict: boolean;
  strictKinds: boolean;
  approvals: string;
  /** Stamp every rendered resource with its formation, revision and source (SPEC §2.3). */
  stamp: boolean;
  /** Signed sign-offs (SPEC §5.4): whose SSH signatures count, and whether unsigned entries do. */
  approvalSigning?: { allowedSigners: string; require: boolean };
  /** Absolute directories outside the project that `file:` and `sops:` references may read. */
  allowOutsidePaths: string[];
  /** How far ahead a waiver's `expires` may be (SPEC §5.4). */
  maxWaiverDays: number;
  vault?: Record<string, unknown>;
  kms?: Record<string, unknown>;
  sops?: Record<string, unknown>;
}

export const DEFAULT_KUBERNETES_VERSION = '1.31';

export function defaultConfig(): Config {
  return {
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    schemaLocations: [],
    builtinPolicies: ['recommended'],
    disablePolicies: [],
    strict: true,
    strictKinds: false,
    approvals: 'approvals.yaml',
    allowOutsidePaths: [],
    maxWaiverDays: 90,
    stamp: false,
  };
}

const connection: SchemaNode = { type: 'object' };

/** Published for editors as schemas/config.schema.json. */
export const configSchema: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://copperplate.dev/schemas/config.schema.json',
  title: 'copperplate.yaml',
  type: 'object',
  additionalProperties: false,
  properties: {
    kubernetesVersion: { type: 'string', pattern: '^v?1\\.\\d+(\\.\\d+)?$', description: 'Target Kubernetes minor version, e.g. "1.31"' },
    schemaLocations: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'kubeconform-layout schema directories' },
    builtinPolicies: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'packs (recommended, strict) or built-in policy ids' },
    disablePolicies: { type: 'array', items: { type: 'string', minLength: 1 } },
    strict: { type: 'boolean', description: 'unknown fields are errors' },
    strictKinds: { type: 'boolean', description: 'a kind with no schema is an error' },
    approvals: { type: 'string', minLength: 1, description: 'sign-offs and waivers file' },
    stamp: {
      type: 'boolean',
      description: 'label and annotate every rendered resource with copperplate.dev/formation, copperplate.dev/revision (the commit) and copperplate.dev/source',
    },
    approvalSigning: {
      type: 'object',
      additionalProperties: false,
      required: ['allowedSigners'],
      description: 'signed sign-offs: entries count only with an SSH signature by an allowed signer whose principal is `by`',
      properties: {
        allowedSigners: { type: 'string', minLength: 1, description: "allowed-signers file in git's format (ssh-keygen ALLOWED SIGNERS), inside the project" },
        require: { type: 'boolean', description: 'unsigned entries do not count (default false: only signatures present must verify)' },
      },
    },
    allowOutsidePaths: {
      type: 'array',
      items: { type: 'string', pattern: '^/', minLength: 2 },
      description: 'absolute directories outside the project that file: and sops: references may read (e.g. /run/secrets)',
    },
    maxWaiverDays: { type: 'integer', minimum: 0, description: 'how many days ahead a waiver may expire (default 90)' },
    vault: connection,
    kms: connection,
    sops: connection,
  },
};

export function loadConfig(root: string, fs: ProjectFs, sections: Partial<Record<'vault' | 'kms' | 'sops', SchemaNode>> = {}): { config: Config; diagnostics: Diagnostic[] } {
  const config = defaultConfig();
  const read = readProjectFile(fs, root, path.join(root, 'copperplate.yaml'));
  if (!read.ok) return { config, diagnostics: read.missing ? [] : [fileDiagnostic(read, { file: 'copperplate.yaml', line: 1, column: 1 })] };
  const text = read.text;
  const parsed = parseYamlFile('copperplate.yaml', text);
  const diagnostics = [...parsed.diagnostics];
  const doc = parsed.documents[0];
  if (!doc) return { config, diagnostics };
  const data = yamlToJs(doc.doc);
  const schema: SchemaNode = { ...configSchema, properties: { ...configSchema.properties, ...sections } };
  const found = checkSchema(schema, data, (p, options) => locateInDocument(parsed.source, doc.doc, p, options), 'CONFIG_INVALID');
  diagnostics.push(...found);
  if (found.length === 0 && data && typeof data === 'object') Object.assign(config, data);
  if (config.approvalSigning) config.approvalSigning = { ...config.approvalSigning, require: config.approvalSigning.require === true };
  return { config, diagnostics };
}
