/**
 * Business error codes shared by the server and the mini program.
 * The server answers `{ code, message }`; the client branches on `code`.
 */
export const ErrorCode = {
  // generic
  BadRequest: 'BAD_REQUEST',
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthorized: 'UNAUTHORIZED',
  TokenExpired: 'TOKEN_EXPIRED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  Internal: 'INTERNAL_ERROR',
  // auth
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatBusy: 'WECHAT_BUSY',
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
  FlashPurchaseNotFound: 'FLASH_PURCHASE_NOT_FOUND',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The JSON body of every error answer. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For validation failures: the offending fields. */
  fields?: string[];
  requestId?: string;
}
