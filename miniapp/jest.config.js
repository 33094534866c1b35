/** Component specs: jsdom + babel-preset-taro, with Taro's H5 runtime standing in for the platform. */
const path = require('node:path')

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  setupFiles: ['<rootDir>/jest/setup-env.js'],
  transform: {
    '^.+\\.(m?[jt]sx?)$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@tarojs|@stencil|\\.pnpm|tslib|swiper|ssr-window|dom7|query-string|decode-uri-component|filter-obj|split-on-first|lodash-es|nanoid|style-inject)/)',
  ],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/jest/taro-shim.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@linli/shared$': '<rootDir>/../shared/src/index.ts',
    '\\.(css|less|scss|sass)$': '<rootDir>/jest/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/jest/file-stub.js',
  },
}
