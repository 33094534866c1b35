import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupBuyPickView, ProductPromotionView } from '@linli/shared';
import { DataSource, In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { Product } from '../catalog/entities/product.entity';
import { CouponsService } from '../coupons/coupons.service';
import { FlashItem, FlashSlot } from '../flash-sale/entities/flash.entity';
import { GroupBuyCampaign, GroupBuySku } from '../group-buy/entities/group-buy-campaign.entity';

/**
 * Read-only answers about what runs on which product now, for product cards and the home page.
 * The prices are the campaigns' and items' own; what a shopper is charged is decided at placement, not here.
 */
@Injectable()
export class PromotionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly coupons: CouponsService,
  ) {}

  async forProducts(ids: number[], viewerId: number | null = null, now = new Date()): Promise<ProductPromotionView[]> {
    const unique = [...new Set(ids)];
    const products = await this.db.getRepository(Product).find({ select: { id: true, categoryId: true }, where: { id: In(unique) } });
    const couponTags = await this.coupons.cardTags(products, viewerId, now);
    const campaigns = await this.activeCampaigns(now, { productId: In(unique) });
    const groupPrices = await this.cheapestGroupPrices(campaigns.map((c) => c.id));
    const slots = await this.db.getRepository(FlashSlot).findBy({ startsAt: LessThanOrEqual(now), endsAt: MoreThan(now) });
    const items = slots.length
      ? await this.db.getRepository(FlashItem).findBy({ slotId: In(slots.map((s) => s.id)), productId: In(unique), stoppedAt: IsNull() })
      : [];
    return unique.map((productId) => {
      const campaign = campaigns.find((c) => c.productId === productId && groupPrices.has(c.id));
      const flashItems = items.filter((i) => i.productId === productId);
      const cheapest = flashItems.sort((a, b) => a.flashPrice - b.flashPrice)[0];
      const slot = cheapest ? slots.find((s) => s.id === cheapest.slotId) : undefined;
      return {
        productId,
        groupBuy: campaign ? { campaignId: campaign.id, groupSize: campaign.groupSize, groupPrice: groupPrices.get(campaign.id)! } : null,
        flash: cheapest && slot ? { slotId: slot.id, flashPrice: cheapest.flashPrice, endsAt: slot.endsAt.toISOString() } : null,
        coupon: couponTags.get(productId) ?? null,
      };
    });
  }

  /** Open campaigns on products on shelf, ending soonest first. */
  async groupBuys(limit: number, now = new Date()): Promise<GroupBuyPickView[]> {
    const campaigns = await this.activeCampaigns(now, {});
    const products = campaigns.length ? await this.db.getRepository(Product).findBy({ id: In(campaigns.map((c) => c.productId)), onShelf: true }) : [];
    const groupPrices = await this.cheapestGroupPrices(campaigns.map((c) => c.id));
    return campaigns
      .filter((c) => groupPrices.has(c.id) && products.some((p) => p.id === c.productId))
      .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime() || a.id - b.id)
      .slice(0, limit)
      .map((c) => {
        const product = products.find((p) => p.id === c.productId)!;
        return {
          campaignId: c.id, productId: c.productId, title: product.title, cover: product.cover, groupSize: c.groupSize,
          groupPrice: groupPrices.get(c.id)!, price: product.minPrice, endsAt: c.endsAt.toISOString(),
        };
      });
  }

  private activeCampaigns(now: Date, where: { productId?: ReturnType<typeof In> }): Promise<GroupBuyCampaign[]> {
    return this.db.getRepository(GroupBuyCampaign).find({
      where: { ...where, startsAt: LessThanOrEqual(now), endsAt: MoreThan(now), stoppedAt: IsNull(), stockLeft: MoreThan(0) },
      order: { id: 'ASC' },
    });
  }

  private async cheapestGroupPrices(campaignIds: number[]): Promise<Map<number, number>> {
    if (!campaignIds.length) return new Map();
    const skus = await this.db.getRepository(GroupBuySku).findBy({ campaignId: In(campaignIds) });
    const out = new Map<number, number>();
    for (const s of skus) out.set(s.campaignId, Math.min(out.get(s.campaignId) ?? Number.MAX_SAFE_INTEGER, s.groupPrice));
    return out;
  }
}
