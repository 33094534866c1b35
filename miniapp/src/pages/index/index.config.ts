import { STORE_DEFAULTS } from '../../../config/store'

export default definePageConfig({
  navigationBarTitleText: process.env.TARO_APP_STORE_NAME || STORE_DEFAULTS.name,
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
  backgroundTextStyle: 'dark',
})
