/**
 * Business error codes shared by the server and the mini program.
 * The server answers `{ code, message }` with the status the table below gives the code; the client branches on `code`.
 */
export const ErrorCode = {
  // generic
  BadRequest: 'BAD_REQUEST',
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthorized: 'UNAUTHORIZED',
  TokenExpired: 'TOKEN_EXPIRED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  HeadersTooLarge: 'HEADERS_TOO_LARGE',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  Internal: 'INTERNAL_ERROR',
  ServiceBusy: 'SERVICE_BUSY',
  // auth
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatBusy: 'WECHAT_BUSY',
  WechatFailed: 'WECHAT_FAILED',
  WechatRejected: 'WECHAT_REJECTED',
  AdminLoginFailed: 'ADMIN_LOGIN_FAILED',
  // catalog
  ProductNotFound: 'PRODUCT_NOT_FOUND',
  SkuNotFound: 'SKU_NOT_FOUND',
  CategoryNotFound: 'CATEGORY_NOT_FOUND',
  CategoryNotEmpty: 'CATEGORY_NOT_EMPTY',
  ProductOffShelf: 'PRODUCT_OFF_SHELF',
  StockInsufficient: 'STOCK_INSUFFICIENT',
  StockNegative: 'STOCK_NEGATIVE',
  // cart
  CartItemNotFound: 'CART_ITEM_NOT_FOUND',
  CartEmpty: 'CART_EMPTY',
  CartLimitExceeded: 'CART_LIMIT_EXCEEDED',
  // address
  AddressNotFound: 'ADDRESS_NOT_FOUND',
  AddressLimitExceeded: 'ADDRESS_LIMIT_EXCEEDED',
  // orders
  OrderNotFound: 'ORDER_NOT_FOUND',
  OrderStateInvalid: 'ORDER_STATE_INVALID',
  OrderLinesInvalid: 'ORDER_LINES_INVALID',
  PickupStoreNotFound: 'PICKUP_STORE_NOT_FOUND',
  // community: stores, leaders, staff, pickup verification
  StoreInvalid: 'STORE_INVALID',
  StoreLeaderTaken: 'STORE_LEADER_TAKEN',
  NotStoreVerifier: 'NOT_STORE_VERIFIER',
  NotStoreLeader: 'NOT_STORE_LEADER',
  StaffInviteInvalid: 'STAFF_INVITE_INVALID',
  StaffAlreadyAtStore: 'STAFF_ALREADY_AT_STORE',
  StaffNotFound: 'STAFF_NOT_FOUND',
  PickupCodeUnknown: 'PICKUP_CODE_UNKNOWN',
  PickupAlreadyDone: 'PICKUP_ALREADY_DONE',
  PickupNotReady: 'PICKUP_NOT_READY',
  // payments and after-sales
  PaymentNotAllowed: 'PAYMENT_NOT_ALLOWED',
  PaymentExpired: 'PAYMENT_EXPIRED',
  PaymentProviderError: 'PAYMENT_PROVIDER_ERROR',
  RefundNotFound: 'REFUND_NOT_FOUND',
  RefundNotAllowed: 'REFUND_NOT_ALLOWED',
  RefundStateInvalid: 'REFUND_STATE_INVALID',
  RefundAmountExceeded: 'REFUND_AMOUNT_EXCEEDED',
  RefundInProgress: 'REFUND_IN_PROGRESS',
  // group-buy
  GroupBuyNotFound: 'GROUP_BUY_NOT_FOUND',
  GroupBuyNotActive: 'GROUP_BUY_NOT_ACTIVE',
  GroupBuyInvalid: 'GROUP_BUY_INVALID',
  GroupBuyConflict: 'GROUP_BUY_CONFLICT',
  GroupNotFound: 'GROUP_NOT_FOUND',
  GroupFull: 'GROUP_FULL',
  GroupClosed: 'GROUP_CLOSED',
  GroupOwnGroup: 'GROUP_OWN_GROUP',
  GroupAlreadyJoined: 'GROUP_ALREADY_JOINED',
  GroupNewCustomerOnly: 'GROUP_NEW_CUSTOMER_ONLY',
  GroupStateInvalid: 'GROUP_STATE_INVALID',
  PurchaseLimitExceeded: 'PURCHASE_LIMIT_EXCEEDED',
  PromotionStockOut: 'PROMOTION_STOCK_OUT',
  // flash sale
  FlashItemNotFound: 'FLASH_ITEM_NOT_FOUND',
  FlashSlotNotFound: 'FLASH_SLOT_NOT_FOUND',
  FlashNotStarted: 'FLASH_NOT_STARTED',
  FlashEnded: 'FLASH_ENDED',
  FlashSoldOut: 'FLASH_SOLD_OUT',
  FlashInvalid: 'FLASH_INVALID',
  FlashStateInvalid: 'FLASH_STATE_INVALID',
  FlashPurchaseNotFound: 'FLASH_PURCHASE_NOT_FOUND',
  // referrals and commission
  ShareTargetNotFound: 'SHARE_TARGET_NOT_FOUND',
  DistributorNotFound: 'DISTRIBUTOR_NOT_FOUND',
  DistributorStateInvalid: 'DISTRIBUTOR_STATE_INVALID',
  ReferralSettingsInvalid: 'REFERRAL_SETTINGS_INVALID',
  WithdrawalNotFound: 'WITHDRAWAL_NOT_FOUND',
  WithdrawalStateInvalid: 'WITHDRAWAL_STATE_INVALID',
  WithdrawalRefused: 'WITHDRAWAL_REFUSED',
  WithdrawalBalanceNegative: 'WITHDRAWAL_BALANCE_NEGATIVE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorDefinition {
  status: number;
  /** What a shopper reads when the thrower gives no more specific message. */
  message: string;
}

/** The one table of code → HTTP status → default message. A code always answers with its status. */
export const ERRORS: Record<ErrorCode, ErrorDefinition> = {
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  VALIDATION_FAILED: { status: 400, message: '请求参数不正确' },
  UNAUTHORIZED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限' },
  NOT_FOUND: { status: 404, message: '内容不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方法' },
  CONFLICT: { status: 409, message: '数据已存在或正在处理，请勿重复提交' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头或地址过长' },
  TOO_MANY_REQUESTS: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL_ERROR: { status: 500, message: '服务器开小差了，请稍后再试' },
  SERVICE_BUSY: { status: 503, message: '系统繁忙，请稍后再试' },
  WECHAT_CODE_INVALID: { status: 401, message: '登录凭证无效或已使用，请重新登录' },
  WECHAT_BUSY: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  WECHAT_FAILED: { status: 502, message: '微信接口返回异常' },
  WECHAT_REJECTED: { status: 403, message: '账号存在风险，暂时无法登录' },
  ADMIN_LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  PRODUCT_NOT_FOUND: { status: 404, message: '商品不存在' },
  SKU_NOT_FOUND: { status: 404, message: '商品规格不存在' },
  CATEGORY_NOT_FOUND: { status: 404, message: '分类不存在' },
  CATEGORY_NOT_EMPTY: { status: 409, message: '分类下还有商品，不能删除' },
  PRODUCT_OFF_SHELF: { status: 409, message: '商品已下架' },
  STOCK_INSUFFICIENT: { status: 409, message: '库存不足' },
  STOCK_NEGATIVE: { status: 409, message: '库存不足以扣减' },
  CART_ITEM_NOT_FOUND: { status: 404, message: '购物车中没有这件商品' },
  CART_EMPTY: { status: 400, message: '购物车是空的' },
  CART_LIMIT_EXCEEDED: { status: 400, message: '购物车已满' },
  ADDRESS_NOT_FOUND: { status: 404, message: '收货地址不存在' },
  ADDRESS_LIMIT_EXCEEDED: { status: 400, message: '收货地址已达上限' },
  ORDER_NOT_FOUND: { status: 404, message: '订单不存在' },
  ORDER_STATE_INVALID: { status: 409, message: '订单当前状态不能进行此操作' },
  ORDER_LINES_INVALID: { status: 400, message: '订单商品不正确' },
  PICKUP_STORE_NOT_FOUND: { status: 404, message: '自提点不存在或已停用' },
  STORE_INVALID: { status: 400, message: '自提点信息不正确' },
  STORE_LEADER_TAKEN: { status: 409, message: '该用户已是其他自提点的团长或店员' },
  NOT_STORE_VERIFIER: { status: 403, message: '你不是自提点的团长或店员' },
  NOT_STORE_LEADER: { status: 403, message: '只有自提点团长可以进行此操作' },
  STAFF_INVITE_INVALID: { status: 404, message: '邀请码无效、已使用或已过期' },
  STAFF_ALREADY_AT_STORE: { status: 409, message: '你已是自提点的团长或店员' },
  STAFF_NOT_FOUND: { status: 404, message: '店员不存在' },
  PICKUP_CODE_UNKNOWN: { status: 404, message: '取货码无效，或不是本店的订单' },
  PICKUP_ALREADY_DONE: { status: 409, message: '该订单已核销，不能重复提货' },
  PICKUP_NOT_READY: { status: 409, message: '该订单现在不能提货' },
  PAYMENT_NOT_ALLOWED: { status: 409, message: '订单当前状态不能支付' },
  PAYMENT_EXPIRED: { status: 409, message: '订单已超时，请重新下单' },
  PAYMENT_PROVIDER_ERROR: { status: 502, message: '支付服务暂时不可用，请稍后再试' },
  REFUND_NOT_FOUND: { status: 404, message: '售后申请不存在' },
  REFUND_NOT_ALLOWED: { status: 409, message: '该订单不能申请售后' },
  REFUND_STATE_INVALID: { status: 409, message: '售后申请当前状态不能进行此操作' },
  REFUND_AMOUNT_EXCEEDED: { status: 400, message: '退款金额超过可退金额' },
  REFUND_IN_PROGRESS: { status: 409, message: '订单有未处理的售后申请' },
  GROUP_BUY_NOT_FOUND: { status: 404, message: '拼团活动不存在' },
  GROUP_BUY_NOT_ACTIVE: { status: 409, message: '拼团活动未开始或已结束' },
  GROUP_BUY_INVALID: { status: 400, message: '拼团活动设置不正确' },
  GROUP_BUY_CONFLICT: { status: 409, message: '拼团活动与现有数据冲突' },
  GROUP_NOT_FOUND: { status: 404, message: '拼团不存在' },
  GROUP_FULL: { status: 409, message: '这个团已满员' },
  GROUP_CLOSED: { status: 409, message: '这个团已结束' },
  GROUP_OWN_GROUP: { status: 409, message: '不能参加自己的团' },
  GROUP_ALREADY_JOINED: { status: 409, message: '你已经在这个团里了' },
  GROUP_NEW_CUSTOMER_ONLY: { status: 409, message: '仅限新用户参团' },
  GROUP_STATE_INVALID: { status: 409, message: '拼团当前状态不能进行此操作' },
  PURCHASE_LIMIT_EXCEEDED: { status: 409, message: '已达限购数量' },
  PROMOTION_STOCK_OUT: { status: 409, message: '活动商品已抢光' },
  FLASH_ITEM_NOT_FOUND: { status: 404, message: '秒杀商品不存在' },
  FLASH_SLOT_NOT_FOUND: { status: 404, message: '秒杀场次不存在' },
  FLASH_NOT_STARTED: { status: 409, message: '秒杀还没开始，请稍候' },
  FLASH_ENDED: { status: 409, message: '本场秒杀已结束' },
  FLASH_SOLD_OUT: { status: 409, message: '手慢了，已抢光' },
  FLASH_INVALID: { status: 400, message: '秒杀设置不正确' },
  FLASH_STATE_INVALID: { status: 409, message: '秒杀场次当前状态不能进行此操作' },
  FLASH_PURCHASE_NOT_FOUND: { status: 404, message: '抢购记录不存在' },
  SHARE_TARGET_NOT_FOUND: { status: 404, message: '分享的内容不存在' },
  DISTRIBUTOR_NOT_FOUND: { status: 404, message: '分销员不存在' },
  DISTRIBUTOR_STATE_INVALID: { status: 409, message: '分销员当前状态不能进行此操作' },
  REFERRAL_SETTINGS_INVALID: { status: 400, message: '分销设置不正确' },
  WITHDRAWAL_NOT_FOUND: { status: 404, message: '提现记录不存在' },
  WITHDRAWAL_STATE_INVALID: { status: 409, message: '提现当前状态不能进行此操作' },
  WITHDRAWAL_REFUSED: { status: 409, message: '提现金额不符合规则' },
  WITHDRAWAL_BALANCE_NEGATIVE: { status: 409, message: '余额为负（售后退款扣回佣金），恢复前不能提现' },
};

/** The status a code answers with. */
export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

/** The JSON body of every error answer. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For validation failures: the offending fields. */
  fields?: string[];
  requestId?: string;
}
