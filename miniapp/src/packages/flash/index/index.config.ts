export default definePageConfig({
  navigationBarTitleText: '限时秒杀',
  navigationBarBackgroundColor: '#E93B3D',
  navigationBarTextStyle: 'white',
  enablePullDownRefresh: true,
  backgroundColor: '#E93B3D',
  backgroundTextStyle: 'light',
})
