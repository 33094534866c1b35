export default definePageConfig({ navigationBarTitleText: '社区团购', enableShareAppMessage: true, enableShareTimeline: true })
