import type { SchemaNode } from '../core/schema-check.js';
import { fingerprintPattern } from './fingerprint.js';

// minLength reports an empty text once; the pattern refuses a blank one in editors too
const text = (description: string): SchemaNode => ({ type: 'string', minLength: 1, pattern: '\\S', description });

/**
 * approvals.yaml (SPEC §5.4), published for editors as schemas/approvals.schema.json, and what
 * `parseApprovals` validates the file's structure with: by + reason always; a sign-off has a
 * fingerprint; a waiver (no fingerprint) names the policy and the resource and must expire.
 * What a schema cannot say (a real calendar date) `parseApprovals` checks itself.
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
        // an integer: what YAML makes of a fingerprint of digits (000000000001); copperplate reads the text as written
        type: ['string', 'integer'],
        pattern: fingerprintPattern(),
        description: 'The 12-character fingerprint shown in the report (copy it, or use `copperplate approve`): approves exactly that change.',
      },
      policy: text('Policy id (required for a waiver).'),
      resource: text('<formation>/<Kind>/<namespace>/<name> (namespace omitted for cluster-scoped kinds); required for a waiver.'),
      by: text('Who approved: an e-mail or handle (every approval records who approved it and why).'),
      reason: text('Why: a sentence and a ticket (every approval records who approved it and why).'),
      expires: {
        type: 'string',
        pattern: '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$',
        description: 'YYYY-MM-DD (valid through that day, UTC) or an ISO date-time; required for a waiver: waivers must end.',
      },
      signature: text('An SSH signature (ssh-keygen -Y sign -n copperplate-approval) over the entry, as `copperplate approve --sign` writes it.'),
    },
    if: { required: ['fingerprint'] },
    else: { required: ['policy', 'resource', 'expires'] },
  },
};
