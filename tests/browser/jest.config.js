/** Browser specs: Debian's Chromium (playwright-core) driving the H5 build served by the real server. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts' },
  globalSetup: '<rootDir>/tests/browser/global-setup.ts',
  globalTeardown: '<rootDir>/tests/browser/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
