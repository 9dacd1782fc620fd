/** The SSH signature namespace of approvals: a signature made for git or for files never counts here. */
export const APPROVAL_NAMESPACE = 'copperplate-approval';

/** The fields a signature covers, in payload order: every field of an entry but `signature`. */
export const PAYLOAD_FIELDS = ['fingerprint', 'policy', 'resource', 'by', 'reason', 'expires'] as const;

export type PayloadFields = { [K in (typeof PAYLOAD_FIELDS)[number]]?: string | undefined };

/**
 * The exact bytes an approval signature covers (README "Signed sign-offs"), UTF-8:
 *
 *     copperplate-approval v1\n
 *     fingerprint: <value>\n
 *     policy: <value>\n
 *     resource: <value>\n
 *     by: <value>\n
 *     reason: <value>\n
 *     expires: <value>\n
 *
 * every field always present in this order, `<value>` the field's text as a JSON string
 * (JSON.stringify, which is also RFC 8785's string form) or `null` when the entry has no such
 * field. The values are the parsed ones, so YAML quoting, folding and key order in
 * approvals.yaml do not matter, while any change to a value (one character of the reason, a
 * later expiry, another `by`) gives other bytes and breaks the signature.
 */
export function approvalPayload(entry: PayloadFields): Buffer {
  const lines = ['copperplate-approval v1', ...PAYLOAD_FIELDS.map((k) => `${k}: ${entry[k] === undefined ? 'null' : JSON.stringify(entry[k])}`)];
  return Buffer.from(`${lines.join('\n')}\n`);
}
