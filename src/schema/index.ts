export { createSchemaValidator, locateProblems, SCHEMA_POLICY_ID, type SchemaOptions, type SchemaProblem, type SchemaValidator } from './schema-validator.js';
export { DEFAULT_KUBERNETES_VERSION } from './kubernetes-version.js';
export { checkCrd } from './crd-check.js';
