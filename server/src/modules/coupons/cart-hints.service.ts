import { Inject, Injectable } from '@nestjs/common';
import { CartHintsView, freightFor } from '@linli/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrderLineDto } from '../orders/orders.dto';
import { OrdersService } from '../orders/orders.service';

/**
 * The cart's nudges, from the same preview checkout shows: what the goods still lack for free shipping (on what is
 * left to pay after the best coupon, as the pipeline charges freight), and the smallest gap to a coupon's threshold.
 */
@Injectable()
export class CartHintsService {
  constructor(
    private readonly orders: OrdersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async cartHints(userId: number, lines: OrderLineDto[]): Promise<CartHintsView> {
    const preview = await this.orders.preview(userId, lines);
    const rule = this.config.orders.freight;
    const goods = preview.subtotal - preview.discount;
    const freeShippingGap = goods > 0 && freightFor(goods, rule) > 0 ? rule.freeThreshold - goods : null;
    const closest = (preview.coupons?.unusable ?? []).filter((c) => c.gap).sort((a, b) => a.gap! - b.gap!)[0];
    return { freeShippingGap, couponGap: closest ? { gap: closest.gap!, title: closest.title, face: closest.face } : null };
  }
}
