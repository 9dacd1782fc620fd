/**
 * The time zone every test runs in: vitest.config.ts and vitest.mutation.config.ts set `TZ` to it
 * when they load, before any test process or thread starts (a worker thread, as Stryker runs
 * vitest in, cannot change the zone of its process). Not UTC and with daylight saving time, so
 * that local-time readings (ssh-keygen's `valid-after` without `Z`) are really tested, and the
 * results do not depend on the machine's zone.
 */
export const TEST_TIME_ZONE = 'America/New_York';
