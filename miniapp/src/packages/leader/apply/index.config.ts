export default definePageConfig({ navigationBarTitleText: '申请当团长' })
