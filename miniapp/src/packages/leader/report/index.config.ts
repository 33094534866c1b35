export default definePageConfig({ navigationBarTitleText: '销售战报' })
