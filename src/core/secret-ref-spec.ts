/**
 * A secret reference as a formation's `secrets:` writes it (SPEC §4): `scheme:reference`, or
 * the object form `{ <scheme>: …, …options }` (e.g. `{ awskms: <b64>, context: {…} }`), for any
 * scheme: which schemes exist is the secrets layer's provider registry's business, not the
 * formation format's, so an embedder's own backend (`gcpsm:`) is written like a built-in one.
 */
export type SecretRefSpec = string | Readonly<Record<string, unknown>>;
