/**
 * `@tarojs/taro` for jest. The build attaches the React hooks (useLoad, useRouter, …) to Taro;
 * here we do it by hand on top of the H5 implementation of the API.
 */
const React = require('react')
const ReactDOM = require('react-dom')
const taroModule = require('@tarojs/taro-h5')
const hooks = require('@tarojs/plugin-framework-react/dist/runtime')

// The default export lacks most APIs; the build's api-loader merges the named ones in, so do the same.
const taro = taroModule.default || {}
for (const [name, value] of Object.entries(taroModule)) {
  if (name !== 'default' && !(name in taro)) taro[name] = value
}
hooks.createReactApp((props) => props.children, React, ReactDOM, {})
Object.assign(taro, hooks)

module.exports = taro
module.exports.default = taro
module.exports.__esModule = true
