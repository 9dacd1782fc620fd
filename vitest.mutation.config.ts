import { defineConfig } from 'vitest/config';
import { TEST_TIME_ZONE } from './test/support/time-zone.js';

process.env.TZ = TEST_TIME_ZONE;

// The unit suites that exercise the mutated modules in-process. Tests of the built bin, the
// packed tarball and the git hook run dist/ (never mutated), so they only cost time here.
// MUTATION_TESTS=glob,glob narrows them for a quick run over one module.
const narrowed = process.env.MUTATION_TESTS?.split(',');

export default defineConfig({
  test: {
    include: narrowed ?? ['test/{policy,render,secrets,core,e2e-secrets,report,library}/**/*.test.ts'],
    exclude: ['test/**/bin.test.ts', 'test/policy/policy-loader.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
