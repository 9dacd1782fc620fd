export { createSchemaValidator, locateProblems, type SchemaOptions, type SchemaProblem, type SchemaValidator } from './schema-validator.js';
export { checkCrd } from './crd-check.js';
