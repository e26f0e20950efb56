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
  testTimeout: 120000,
  // One Chromium for the run, shared by the suites that print.
  globalSetup: '<rootDir>/tests/browser-setup.mjs',
  globalTeardown: '<rootDir>/tests/browser-teardown.mjs',
};
