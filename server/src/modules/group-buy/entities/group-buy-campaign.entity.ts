import type { GroupTier } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, JsonColumn, MoneyColumn, UpdatedAt } from '../../../database/columns';

/** An operator's group-buy offer on one product (拼团活动). */
@Entity('group_buy_campaigns')
@Index('idx_group_buy_product', ['productId', 'endsAt'])
export class GroupBuyCampaign {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'product_id', type: 'int' }) productId: number;

  @Column({ type: 'varchar', length: 60 }) title: string;

  /** The base group size; tiers add bigger sizes at lower prices. */
  @Column({ name: 'group_size', type: 'int' }) groupSize: number;

  @JsonColumn() tiers: GroupTier[];

  /** Per unit, for whoever opens a group (团长优惠). */
  @MoneyColumn({ name: 'leader_discount' }) leaderDiscount: number;

  /** Counted from the leader's payment. */
  @Column({ name: 'time_limit_seconds', type: 'int' }) timeLimitSeconds: number;

  @DateColumn('starts_at', { nullable: false }) startsAt: Date;

  @DateColumn('ends_at', { nullable: false }) endsAt: Date;

  @Column({ name: 'stock_total', type: 'int' }) stockTotal: number;

  /** Group-priced units not held by an order; moved only by conditional UPDATEs. */
  @Column({ name: 'stock_left', type: 'int' }) stockLeft: number;

  @Column({ name: 'per_user_limit', type: 'int' }) perUserLimit: number;

  /** Joiners must not have a paid order yet (老带新). */
  @BoolColumn({ name: 'new_customer_only', default: false }) newCustomerOnly: boolean;

  /** Shoppers may use a coupon on this campaign's orders (the coupon must also combine with group prices). */
  @BoolColumn({ name: 'accepts_coupons', default: true }) acceptsCoupons: boolean;

  /** 模拟成团: at expiry a group with at least this many paid members succeeds. Null: off. */
  @Column({ name: 'virtual_min_members', type: 'int', nullable: true }) virtualMinMembers: number | null;

  @DateColumn('stopped_at') stoppedAt: Date | null;

  @Column({ name: 'stopped_by', type: 'varchar', length: 32, nullable: true }) stoppedBy: string | null;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn({ default: 1 }) version: number;
}

/** A SKU in a campaign with its base group price. */
@Entity('group_buy_skus')
@Index('uq_group_buy_sku', ['campaignId', 'skuId'], { unique: true })
export class GroupBuySku {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'campaign_id', type: 'int' }) campaignId: number;

  @Column({ name: 'sku_id', type: 'int' }) skuId: number;

  @MoneyColumn({ name: 'group_price' }) groupPrice: number;
}
