/**
 * The shopper flow in WeChat DevTools through miniprogram-automator:
 *   WECHAT_DEVTOOLS_CLI=/path/to/cli npx jest -c tests/weapp/automator/jest.config.js
 * (or WECHAT_DEVTOOLS_WS=ws://127.0.0.1:9420 to use an already open DevTools with automation on).
 * Without either variable the suite is skipped. It is also one of the projects of ../jest.config.js.
 */
const path = require('node:path')

const repo = path.resolve(__dirname, '../../..')

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'weapp-devtools',
  rootDir: repo,
  roots: ['<rootDir>/tests/weapp/automator'],
  testMatch: ['<rootDir>/tests/weapp/automator/**/*.automator-spec.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // DevTools is slow to start and every step waits for a real render.
  testTimeout: 120000,
}
