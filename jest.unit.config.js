/** Unit specs for pure logic, beside the code in shared/ and server/. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/shared/src', '<rootDir>/server/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts' },
};
