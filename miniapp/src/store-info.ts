/** The store as shoppers see it, from the build config (config/store.ts, overridable by TARO_APP_STORE_*). */
export const STORE = {
  name: process.env.TARO_APP_STORE_NAME || '邻里优选',
  phone: process.env.TARO_APP_STORE_PHONE || '',
  hours: process.env.TARO_APP_STORE_HOURS || '',
} as const
