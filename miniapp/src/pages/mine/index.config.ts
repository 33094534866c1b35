export default definePageConfig({
  navigationBarTitleText: '我的',
  navigationBarBackgroundColor: '#E93B3D',
  navigationBarTextStyle: 'white',
})
