import { STORE_DEFAULTS } from '../config/store'

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/category/index', 'pages/cart/index', 'pages/mine/index'],
  subPackages: [
    { root: 'packages/shop', pages: ['product/index', 'search/index', 'reviews/index'] },
    { root: 'packages/order', pages: ['checkout/index', 'list/index', 'detail/index', 'result/index', 'refund/index', 'review/index'] },
    { root: 'packages/user', pages: ['addresses/index', 'address-edit/index', 'login/index', 'settings/index'] },
    { root: 'packages/group', pages: ['detail/index', 'mine/index'] },
    { root: 'packages/flash', pages: ['index/index', 'confirm/index'] },
    { root: 'packages/coupons', pages: ['centre/index', 'mine/index', 'packet/index', 'send/index', 'packets/index'] },
    { root: 'packages/distributor', pages: ['index/index', 'withdraw/index', 'ledger/index', 'team/index'] },
    { root: 'packages/leader', pages: ['index/index', 'apply/index', 'report/index'] },
    { root: 'packages/community', pages: ['stores/index', 'campaign/index'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/shop', 'packages/community'] },
    'pages/cart/index': { network: 'all', packages: ['packages/order'] },
    'packages/shop/product/index': { network: 'all', packages: ['packages/group'] },
  },
  // WeChat refuses location APIs an app has not declared: the store picker and the leader application use them.
  permission: { 'scope.userLocation': { desc: '用于为你找到附近的自提点' } },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: process.env.TARO_APP_STORE_NAME || STORE_DEFAULTS.name,
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#999999',
    selectedColor: '#E93B3D',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/category/index', text: '分类', iconPath: 'assets/tab/category.png', selectedIconPath: 'assets/tab/category-active.png' },
      { pagePath: 'pages/cart/index', text: '购物车', iconPath: 'assets/tab/cart.png', selectedIconPath: 'assets/tab/cart-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
})
