export default definePageConfig({ navigationBarTitleText: '团长工作台' })
