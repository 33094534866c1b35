export default definePageConfig({
  navigationBarTitleText: '确认秒杀订单',
})
