export default definePageConfig({
  navigationBarTitleText: '红包',
  navigationBarBackgroundColor: '#d8353a',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
})
