import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { STORE_DEFAULTS } from './store'

const sharedRoot = path.resolve(__dirname, '../../shared')
const alias = {
  // Compile the workspace package from source so both builds see the same types and code.
  '@linli/shared': path.resolve(sharedRoot, 'src/index.ts'),
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli-miniapp',
    date: '2025-11-22',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    alias,
    env: {
      // The weapp API origin; H5 always calls its own origin. A .env file may override it.
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'),
      // The store as shoppers see it: one name everywhere, and how to reach customer service (H5 shows phone and hours).
      TARO_APP_STORE_NAME: JSON.stringify(process.env.TARO_APP_STORE_NAME ?? STORE_DEFAULTS.name),
      TARO_APP_STORE_PHONE: JSON.stringify(process.env.TARO_APP_STORE_PHONE ?? STORE_DEFAULTS.phone),
      TARO_APP_STORE_HOURS: JSON.stringify(process.env.TARO_APP_STORE_HOURS ?? STORE_DEFAULTS.hours),
      TARO_APP_STORE_GUARANTEES: JSON.stringify(process.env.TARO_APP_STORE_GUARANTEES ?? STORE_DEFAULTS.guarantees),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedRoot] },
      // Component styles do not depend on each other's order.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedRoot] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazy page chunk would carry its own
        // copy of @tarojs/components (~240 KB). Share them between pages instead.
        chain.optimization.merge({ splitChunks: { chunks: 'all' } })
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
