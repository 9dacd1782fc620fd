/** `cap_sys_admin` and `SYS_ADMIN` name the same capability. */
export function normalizeCapability(name: unknown): string {
  return String(name).toUpperCase().replace(/^CAP_/, '');
}
