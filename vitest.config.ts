import { defineConfig } from 'vitest/config';
import { TEST_TIME_ZONE } from './test/support/time-zone.js';

process.env.TZ = TEST_TIME_ZONE;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
