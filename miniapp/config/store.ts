/** The store's defaults; TARO_APP_STORE_NAME / _PHONE / _HOURS in the build environment (or a .env file) override them. */
export const STORE_DEFAULTS = {
  name: '邻里优选',
  phone: '0571-8888-6666',
  hours: '每天 08:00–21:00',
  /** The 保障 row on product pages, separated by 「·」. */
  guarantees: '品质保障·坏果包赔·售后无忧',
}
