/** Jest in ESM mode: unified, remark and rehype ship only ES modules. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^(node-fetch|sync-fetch)$': '<rootDir>/tests/stubs/no-fetch.cjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // Tests run against the sources; dist/ is the compiled CLI.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // A bound for a hang, not a race with the machine's load: a busy 2-core machine takes several
  // minutes for a hook that builds and prints the sample twice (conformance's took over 120 s).
  testTimeout: 600000,
  // One Chromium for the run, shared by the suites that print.
  globalSetup: '<rootDir>/tests/browser-setup.mjs',
  globalTeardown: '<rootDir>/tests/browser-teardown.mjs',
};
