/** API specs: the real server in-process against a fresh MariaDB database (or SQLite with TEST_DB=sqlite). */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/api'],
  testMatch: ['**/*.api-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts' },
  testTimeout: 60000,
  maxWorkers: 2,
};
