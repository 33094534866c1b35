import type { CouponScope, CouponSource, CouponType } from '@linli/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, JsonColumn, MoneyColumn, UpdatedAt } from '../../../database/columns';

/** The terms a coupon carries: on the template, and copied onto every coupon claimed from it. */
abstract class CouponTermsColumns {
  @Column({ type: 'varchar', length: 16 }) type: CouponType;

  /** Fen off (满减, 无门槛). */
  @MoneyColumn() amount: number;

  /** Percent paid (折扣): 85 = 8.5折. */
  @Column({ type: 'int', default: 100 }) rate: number;

  /** Most fen off for a 折扣; 0 = no cap. */
  @MoneyColumn() cap: number;

  @MoneyColumn() threshold: number;

  @Column({ type: 'varchar', length: 12, default: 'all' }) scope: CouponScope;

  @JsonColumn({ name: 'scope_ids' }) scopeIds: number[];

  @JsonColumn({ name: 'exclude_product_ids' }) excludeProductIds: number[];

  @BoolColumn({ name: 'combine_group', default: false }) combineGroup: boolean;

  @BoolColumn({ name: 'combine_flash', default: false }) combineFlash: boolean;
}

@Entity('coupon_templates')
@Index('idx_coupon_templates_centre', ['inCentre', 'stoppedAt'])
export class CouponTemplate extends CouponTermsColumns {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 40 }) title: string;

  /** `fixed`: valid between the dates; `relative`: `validDays` from the claim. */
  @Column({ type: 'varchar', length: 8 }) validity: 'fixed' | 'relative';

  @DateColumn('valid_from') validFrom: Date | null;

  @DateColumn('valid_to') validTo: Date | null;

  @Column({ name: 'valid_days', type: 'int', default: 0 }) validDays: number;

  /** How many may ever be issued; `issued` moves only by a conditional UPDATE (`issued < total`). */
  @Column({ type: 'int' }) total: number;

  @Column({ type: 'int', default: 0 }) issued: number;

  @Column({ name: 'per_user_limit', type: 'int', default: 1 }) perUserLimit: number;

  /** Shown in the claim centre and on product pages (otherwise: grants, codes and gifts only). */
  @BoolColumn({ name: 'in_centre', default: true }) inCentre: boolean;

  /** Given to every new shopper on first login. */
  @BoolColumn({ name: 'new_customer_gift', default: false }) newCustomerGift: boolean;

  @DateColumn('claim_starts_at') claimStartsAt: Date | null;

  @DateColumn('claim_ends_at') claimEndsAt: Date | null;

  @DateColumn('stopped_at') stoppedAt: Date | null;

  @Column({ name: 'created_by', type: 'varchar', length: 32 }) createdBy: string;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn({ default: 1 }) version: number;
}

/**
 * A coupon in a shopper's wallet. `status` moves only by conditional UPDATEs: unused → locked (an unpaid order
 * holds it) → used (paid), locked → unused (the order was cancelled or expired), used → unused (a whole refund
 * before shipping, while still valid). 已过期 is derived from `validTo`.
 */
@Entity('user_coupons')
@Index('uq_user_coupons_claim', ['templateId', 'userId', 'claimSeq'], { unique: true })
@Index('idx_user_coupons_user', ['userId', 'status', 'validTo'])
@Index('idx_user_coupons_order', ['orderId'])
export class UserCoupon extends CouponTermsColumns {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ name: 'template_id', type: 'int', nullable: true }) templateId: number | null;

  /** The red packet whose share this coupon is. */
  @Column({ name: 'packet_id', type: 'int', nullable: true }) packetId: number | null;

  /** 1..perUserLimit for a template's coupons. */
  @Column({ name: 'claim_seq', type: 'int', default: 1 }) claimSeq: number;

  @Column({ type: 'varchar', length: 8 }) source: CouponSource;

  @Column({ type: 'varchar', length: 40 }) title: string;

  @DateColumn('valid_from', { nullable: false }) validFrom: Date;

  @DateColumn('valid_to', { nullable: false }) validTo: Date;

  @Column({ type: 'varchar', length: 8 }) status: 'unused' | 'locked' | 'used';

  @Column({ name: 'order_id', type: 'int', nullable: true }) orderId: number | null;

  /** What it took off its order. */
  @MoneyColumn() discount: number;

  @DateColumn('locked_at') lockedAt: Date | null;

  @DateColumn('used_at') usedAt: Date | null;

  @CreatedAt() createdAt: Date;

  @VersionColumn({ default: 1 }) version: number;
}

/** An unguessable one-time code that claims a coupon of a template. */
@Entity('coupon_codes')
@Index('uq_coupon_codes_code', ['code'], { unique: true })
@Index('idx_coupon_codes_template', ['templateId', 'batch'])
export class CouponCode {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'template_id', type: 'int' }) templateId: number;

  @Column({ type: 'varchar', length: 16 }) code: string;

  @Column({ type: 'varchar', length: 32 }) batch: string;

  @Column({ name: 'used_by', type: 'int', nullable: true }) usedBy: number | null;

  @Column({ name: 'coupon_id', type: 'int', nullable: true }) couponId: number | null;

  @DateColumn('used_at') usedAt: Date | null;

  @CreatedAt() createdAt: Date;
}

/** A pot of operator money for red packets; moved only by conditional UPDATEs, each move in the ledger. */
@Entity('marketing_budgets')
export class MarketingBudget {
  @PrimaryColumn({ type: 'varchar', length: 16 }) name: string;

  @MoneyColumn() balance: number;

  @UpdatedAt() updatedAt: Date;
}

@Entity('budget_entries')
@Index('uq_budget_entries_ref', ['budget', 'reason', 'ref'], { unique: true })
export class BudgetEntry {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 16 }) budget: string;

  @Column({ type: 'int' }) delta: number;

  /** top_up, packet, packet_return. */
  @Column({ type: 'varchar', length: 16 }) reason: string;

  @Column({ type: 'varchar', length: 32 }) ref: string;

  @Column({ type: 'varchar', length: 32 }) actor: string;

  @CreatedAt() createdAt: Date;
}
