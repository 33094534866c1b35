/**
 * WeChat-build tests: `npx jest -c tests/weapp/jest.config.js` after `npm run build:weapp -w miniapp`.
 *
 * - weapp: `tests/weapp/**\/*.weapp-spec.ts`, offline, a few seconds. The build under test is env
 *   WEAPP_DIST (default <repo>/miniapp/dist/weapp); specs copy it to a temp dir first.
 * - weapp-devtools: the miniprogram-automator flow (./automator), skipped unless WECHAT_DEVTOOLS_CLI
 *   or WECHAT_DEVTOOLS_WS is set. It can also run alone with its own config.
 */
const path = require('node:path')
const devtools = require('./automator/jest.config.js')

const repo = path.resolve(__dirname, '../..')

/** @type {import('jest').Config} */
const weapp = {
  displayName: 'weapp',
  rootDir: repo,
  roots: ['<rootDir>/tests/weapp'],
  testMatch: ['<rootDir>/tests/weapp/**/*.weapp-spec.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
}

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  projects: [weapp, devtools],
}
