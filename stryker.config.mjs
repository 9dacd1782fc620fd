// Mutation testing of the modules that guard secrets, sign-offs and output correctness
// (`npm run mutation`, Node ≥ 22: see scripts/mutation.mjs). Not part of CI: too slow per run.
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'src/policy/fingerprint.ts',
    'src/policy/approvals.ts',
    'src/policy/apply-approvals.ts',
    'src/policy/signing/*.ts',
    'src/core/secret-value.ts',
    'src/engine/redact-baseline.ts',
    'src/engine/baseline-secrets.ts',
    'src/engine/redacted-copy.ts',
    'src/secrets/sops-decrypt.ts',
    'src/secrets/sops-cipher.ts',
    'src/secrets/sops-tree.ts',
    'src/core/project-file.ts',
    'src/core/project-fs.ts',
    'src/render/yaml-emitter.ts',
    'src/core/yaml-scalar.ts',
    'src/render/placeholder.ts',
    'src/render/substitute.ts',
  ],
  // Stryker's default also rewrites test/**/*.{ts,js,html}: it would change the fixtures the
  // goldens are compared with (a report golden's <script>), so only the mutated sources get it.
  disableTypeChecks: 'src/**/*.ts',
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  // MUTATION_REPORT names the JSON report, so that runs queued one after another keep theirs
  jsonReporter: { fileName: process.env.MUTATION_REPORT ?? 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
