export default definePageConfig({
  navigationBarTitleText: '邻里优选',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
