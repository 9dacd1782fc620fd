/** A policy's time limit for its whole run over one formation (SPEC §5.1), unless it sets one. */
export const DEFAULT_POLICY_TIMEOUT_MS = 5000;

/** Loading one policy file: transpiling it (the first file loads the transpiler) and its top-level code. */
export const POLICY_LOAD_TIMEOUT_MS = 10_000;
