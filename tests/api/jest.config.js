/** API specs: the real server in-process against a fresh MariaDB database (or SQLite with TEST_DB=sqlite). */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/api'],
  testMatch: ['**/*.api-spec.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  // content-disposition (under @fastify/static) ships ESM only; jest's CommonJS loader needs it transpiled.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts' },
  testTimeout: 90000,
  maxWorkers: 2,
};
