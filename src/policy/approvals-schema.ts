import type { SchemaNode } from '../core/schema-check.js';
import { FINGERPRINT_PATTERN } from './fingerprint.js';

const text = (description: string): SchemaNode => ({ type: 'string', minLength: 1, description });

/**
 * approvals.yaml (SPEC §5.4), published for editors as schemas/approvals.schema.json.
 * `parseApprovals` checks the same rules by hand (with positions and hints), and a test keeps
 * the two in agreement: by + reason always; a sign-off has a fingerprint; a waiver names the
 * policy and the resource and must expire.
 */
export const approvalsSchema: SchemaNode & Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://copperplate.dev/schemas/approvals.schema.json',
  title: 'copperplate approvals.yaml',
  description: 'Sign-offs (with a fingerprint: approve one exact change) and waivers (without: silence a policy on one resource until they expire).',
  // a file of comments only (as `copperplate init` writes it) holds no entries
  type: ['array', 'null'],
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['by', 'reason'],
    properties: {
      fingerprint: {
        description: 'The 12-character fingerprint shown in the report: approves exactly that change.',
        anyOf: [{ type: 'string', pattern: FINGERPRINT_PATTERN }, { type: 'integer' }],
      },
      policy: text('Policy id (required for a waiver).'),
      resource: text('<formation>/<Kind>/<namespace>/<name> (namespace omitted for cluster-scoped kinds); required for a waiver.'),
      by: text('Who approved: an e-mail or handle.'),
      reason: text('Why: a sentence and a ticket.'),
      expires: {
        type: 'string',
        pattern: '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$',
        description: 'YYYY-MM-DD (valid through that day, UTC) or an ISO date-time; required for a waiver.',
      },
      signature: text('An SSH signature (ssh-keygen -Y sign -n copperplate-approval) over the entry, as `copperplate approve --sign` writes it.'),
    },
    anyOf: [{ required: ['fingerprint'] }, { required: ['policy', 'resource', 'expires'] }],
  },
};
