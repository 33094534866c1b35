import type { BatchStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, JsonColumn, MoneyColumn } from '../../../database/columns';

/** A shopper who verifies pickups at one store, added by its leader. A person is staff of at most one store. */
@Entity('store_staff')
@Index('uq_store_staff_user', ['userId'], { unique: true })
@Index('idx_store_staff_store', ['storeId'])
export class StoreStaff {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'store_id', type: 'int' }) storeId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @CreatedAt() createdAt: Date;
}

/** A one-time code a leader hands to a new staff member; claimed by a conditional update. */
@Entity('staff_invites')
@Index('uq_staff_invites_code', ['code'], { unique: true })
export class StaffInvite {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 8 }) code: string;

  @Column({ name: 'store_id', type: 'int' }) storeId: number;

  @DateColumn('expires_at', { nullable: false }) expiresAt: Date;

  @Column({ name: 'used_by', type: 'int', nullable: true }) usedBy: number | null;

  @DateColumn('used_at') usedAt: Date | null;

  @CreatedAt() createdAt: Date;
}


/** A community campaign (社区团购): SKUs at a campaign price, sold until the cut-off, picked up at stores on the pickup date. */
@Entity('community_campaigns')
export class CommunityCampaign {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 60 }) title: string;

  @DateColumn('starts_at', { nullable: false }) startsAt: Date;

  /** Nothing is sold from this moment; unpaid orders expire at it. */
  @DateColumn('cutoff_at', { nullable: false }) cutoffAt: Date;

  /** YYYY-MM-DD, shown to shoppers. */
  @Column({ name: 'pickup_date', type: 'varchar', length: 10 }) pickupDate: string;

  /** Null: every open store; otherwise the chosen stores. */
  @JsonColumn({ name: 'store_ids', nullable: true }) storeIds: number[] | null;

  /** Leader commission on this campaign's orders, basis points of line nets; null uses the default. */
  @Column({ name: 'commission_rate_bps', type: 'int', nullable: true }) commissionRateBps: number | null;

  @BoolColumn({ name: 'coupons_allowed', default: false }) couponsAllowed: boolean;

  @CreatedAt() createdAt: Date;
}

/** One SKU in a campaign: its price, its own stock cap (`sold` moves by conditional update) and per-shopper limit. */
@Entity('community_campaign_items')
@Index('uq_community_items_sku', ['campaignId', 'skuId'], { unique: true })
export class CommunityCampaignItem {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'campaign_id', type: 'int' }) campaignId: number;

  @Column({ name: 'sku_id', type: 'int' }) skuId: number;

  @MoneyColumn() price: number;

  @Column({ type: 'int' }) stock: number;

  @Column({ type: 'int', default: 0 }) sold: number;

  @Column({ name: 'per_user_limit', type: 'int' }) perUserLimit: number;
}

/** Links a campaign order to its campaign, store and (after the cut-off) its batch. */
@Entity('community_orders')
@Index('idx_community_orders_batch', ['campaignId', 'storeId'])
export class CommunityOrder {
  @PrimaryColumn({ name: 'order_id', type: 'int' }) orderId: number;

  @Column({ name: 'campaign_id', type: 'int' }) campaignId: number;

  @Column({ name: 'store_id', type: 'int' }) storeId: number;

  @Column({ name: 'item_id', type: 'int' }) itemId: number;

  @Column({ name: 'batch_id', type: 'int', nullable: true }) batchId: number | null;
}

/** A store's share of a campaign after the cut-off (配货单): 待配送 → 配送中 → 已到店, with shortages noted on arrival. */
@Entity('community_batches')
@Index('uq_community_batches_store', ['campaignId', 'storeId'], { unique: true })
export class CommunityBatch {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'campaign_id', type: 'int' }) campaignId: number;

  @Column({ name: 'store_id', type: 'int' }) storeId: number;

  @Column({ type: 'varchar', length: 12 }) status: BatchStatus;

  @DateColumn('shipped_at') shippedAt: Date | null;

  @DateColumn('arrived_at') arrivedAt: Date | null;

  @Column({ name: 'arrived_by', type: 'int', nullable: true }) arrivedBy: number | null;

  @JsonColumn({ nullable: true }) shortages: { skuId: number; quantity: number }[] | null;

  @CreatedAt() createdAt: Date;

  @VersionColumn({ default: 1 }) version: number;
}

export type LeaderApplicationStatus = 'pending' | 'approved' | 'rejected';

/** A shopper's application to run a store as its leader, with a phone number WeChat verified. */
@Entity('leader_applications')
@Index('uq_leader_applications_pending', ['pendingUserId'], { unique: true })
@Index('idx_leader_applications_user', ['userId'])
@Index('idx_leader_applications_status', ['status'])
export class LeaderApplication {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  /** The applicant while pending, null once decided: one pending application per person. */
  @Column({ name: 'pending_user_id', type: 'int', nullable: true }) pendingUserId: number | null;

  @Column({ type: 'varchar', length: 10 }) status: LeaderApplicationStatus;

  @Column({ name: 'store_name', type: 'varchar', length: 40 }) storeName: string;

  @Column({ type: 'varchar', length: 200 }) address: string;

  @Column({ type: 'varchar', length: 20 }) district: string;

  @Column({ type: 'double' }) latitude: number;

  @Column({ type: 'double' }) longitude: number;

  @Column({ type: 'varchar', length: 40 }) hours: string;

  /** From WeChat's phone button (getuserphonenumber), never typed. */
  @Column({ type: 'varchar', length: 20 }) phone: string;

  /** Why it was rejected. */
  @Column({ type: 'varchar', length: 200, nullable: true }) reason: string | null;

  /** The store the approved leader runs. */
  @Column({ name: 'store_id', type: 'int', nullable: true }) storeId: number | null;

  @Column({ name: 'decided_by', type: 'int', nullable: true }) decidedBy: number | null;

  @DateColumn('decided_at') decidedAt: Date | null;

  @CreatedAt() createdAt: Date;
}

export type PickupNoticeStatus = 'consented' | 'sending' | 'sent' | 'refused' | 'failed';

/** A shopper's consent (asked at checkout) to one 到店提醒 subscription message for a pickup order. */
@Entity('pickup_notices')
export class PickupNotice {
  @PrimaryColumn({ name: 'order_id', type: 'int' }) orderId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'varchar', length: 10 }) status: PickupNoticeStatus;

  @Column({ type: 'int', default: 0 }) attempts: number;

  @Column({ type: 'varchar', length: 100, nullable: true }) error: string | null;

  @DateColumn('sent_at') sentAt: Date | null;

  @CreatedAt() createdAt: Date;
}

/** A shopper's pickup contact phone, from WeChat's phone button; leaders search waiting orders by its last digits and see it masked. */
@Entity('shopper_phones')
@Index('idx_shopper_phones_phone', ['phone'])
export class ShopperPhone {
  @PrimaryColumn({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'varchar', length: 20 }) phone: string;

  @DateColumn('verified_at', { nullable: false }) verifiedAt: Date;
}

/** One-time subscription consents a leader gave for 逾期未取提醒; each message sent spends one. */
@Entity('leader_notice_consents')
export class LeaderNoticeConsent {
  @PrimaryColumn({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'int', default: 0 }) credits: number;

  @DateColumn('updated_at', { nullable: false }) updatedAt: Date;
}

export const COMMUNITY_ENTITIES = [StoreStaff, StaffInvite, CommunityCampaign, CommunityCampaignItem, CommunityOrder, CommunityBatch, LeaderApplication, PickupNotice, ShopperPhone, LeaderNoticeConsent];
