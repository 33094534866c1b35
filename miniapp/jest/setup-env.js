// What Taro's build defines, for code that branches on the platform.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
// A constant the H5 webpack build defines for @tarojs/components.
globalThis.DEPRECATED_ADAPTER_COMPONENT = false
