export default definePageConfig({ navigationBarTitleText: '选择自提点' })
