import { STORE_DEFAULTS } from '../config/store'

/** The store as shoppers see it, from the build config (config/store.ts, overridable by TARO_APP_STORE_*). */
export const STORE = {
  name: process.env.TARO_APP_STORE_NAME || STORE_DEFAULTS.name,
  phone: process.env.TARO_APP_STORE_PHONE || STORE_DEFAULTS.phone,
  hours: process.env.TARO_APP_STORE_HOURS || STORE_DEFAULTS.hours,
  guarantees: (process.env.TARO_APP_STORE_GUARANTEES || STORE_DEFAULTS.guarantees).split('·').filter(Boolean),
} as const
