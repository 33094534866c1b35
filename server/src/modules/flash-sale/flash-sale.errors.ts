import { AppError } from '../../common/app-error';

export class FlashSaleError extends AppError {}

/** What shoppers read for each refusal, the same from the request path and from the batch writer. */
export const FlashMessages = {
  itemNotFound: '秒杀商品不存在',
  notStarted: '秒杀还没开始，请稍候',
  ended: '本场秒杀已结束',
  soldOut: '手慢了，已抢光',
  addressInvalid: '收货地址无效，请重新选择',
  overLimit: (perUserLimit: number) => `每人限购${perUserLimit}件，已达上限`,
};
