import type { CommissionState, DistributorStatus, LedgerKind, ShareChannel, ShareTarget, WithdrawalStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn, MoneyColumn } from '../../../database/columns';

/** One share issued by the server: who shared what, through which channel, when. Its code is derived from its id. */
@Entity('share_links')
@Index('idx_share_links_sharer', ['sharerId', 'createdAt'])
export class ShareLink {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'sharer_id', type: 'int' }) sharerId: number;
  @Column({ type: 'varchar', length: 12 }) target: ShareTarget;
  @Column({ name: 'target_id', type: 'int' }) targetId: number;
  @Column({ type: 'varchar', length: 8 }) channel: ShareChannel;
  /** A campaign share: the pickup store the sharer was viewing (the link opens the campaign there). */
  @Column({ name: 'store_id', type: 'int', nullable: true }) storeId: number | null;
  @CreatedAt() createdAt: Date;
}

/** A device (and, once logged in, a user) arriving through a share; at most one row per share, device and day. */
@Entity('share_visits')
@Index('uq_share_visits_device_day', ['shareId', 'deviceId', 'day'], { unique: true })
@Index('idx_share_visits_user', ['userId', 'createdAt'])
@Index('idx_share_visits_device', ['deviceId'])
export class ShareVisit {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'share_id', type: 'int' }) shareId: number;
  @Column({ name: 'device_id', type: 'varchar', length: 64 }) deviceId: string;
  @Column({ name: 'user_id', type: 'int', nullable: true }) userId: number | null;
  @Column({ type: 'varchar', length: 10 }) day: string;
  @CreatedAt() createdAt: Date;
}

/** Who brought a shopper in. `chain` is the referrer's upward chain at binding time (referrer first), for attribution. */
@Entity('referral_bindings')
@Index('uq_referral_bindings_user', ['userId'], { unique: true })
@Index('idx_referral_bindings_referrer', ['referrerId', 'boundAt'])
export class ReferralBinding {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ name: 'referrer_id', type: 'int' }) referrerId: number;
  @Column({ name: 'share_id', type: 'int', nullable: true }) shareId: number | null;
  @JsonColumn() chain: number[];
  @DateColumn('bound_at', { nullable: false }) boundAt: Date;
  @DateColumn('last_activity_at', { nullable: false }) lastActivityAt: Date;
}

/** The operator's settings: one row (id 1). `bindSeq` is bumped by every binding to serialize chain checks. */
@Entity('referral_settings')
export class ReferralSettingsRow {
  @PrimaryColumn({ type: 'int' }) id: number;
  @Column({ type: 'text' }) settings: string;
  @Column({ name: 'bind_seq', type: 'int', default: 0 }) bindSeq: number;
  @DateColumn('updated_at', { nullable: false }) updatedAt: Date;
}

@Entity('product_commission_rates')
export class ProductCommissionRate {
  @PrimaryColumn({ name: 'product_id', type: 'int' }) productId: number;
  @Column({ name: 'rate_bps', type: 'int' }) rateBps: number;
}

/** A distributor and their money by bucket; every bucket moves by conditional UPDATEs only. */
@Entity('distributors')
@Index('uq_distributors_user', ['userId'], { unique: true })
@Index('idx_distributors_status', ['status', 'appliedAt'])
export class Distributor {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 12 }) status: DistributorStatus;
  @Column({ name: 'reject_reason', type: 'varchar', length: 100, nullable: true }) rejectReason: string | null;
  @MoneyColumn() pending: number;
  /** Withdrawable; below zero after a clawback, which blocks withdrawals until it recovers. */
  @MoneyColumn() balance: number;
  @MoneyColumn() frozen: number;
  @MoneyColumn() withdrawn: number;
  @MoneyColumn() reversed: number;
  /** Taken from the balance by red packets the distributor funded, less what came back unclaimed. */
  @MoneyColumn() spent: number;
  @Column({ name: 'withdraw_day', type: 'varchar', length: 10, default: '' }) withdrawDay: string;
  @MoneyColumn({ name: 'withdrawn_today' }) withdrawnToday: number;
  @DateColumn('applied_at', { nullable: false }) appliedAt: Date;
  @DateColumn('reviewed_at') reviewedAt: Date | null;
}

/** One row of the commission ledger; `dedupeKey` makes every entry exactly once. */
@Entity('commission_entries')
@Index('uq_commission_entries_dedupe', ['dedupeKey'], { unique: true })
@Index('idx_commission_entries_beneficiary', ['beneficiaryId', 'createdAt'])
@Index('idx_commission_entries_order', ['orderId'])
@Index('idx_commission_entries_settle', ['state', 'settleAfter'])
export class CommissionEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 64 }) dedupeKey: string;
  @Column({ name: 'beneficiary_id', type: 'int' }) beneficiaryId: number;
  @Column({ name: 'buyer_id', type: 'int' }) buyerId: number;
  @Column({ name: 'order_id', type: 'int' }) orderId: number;
  @Column({ name: 'order_line_id', type: 'int' }) orderLineId: number;
  @Column({ type: 'smallint' }) level: number;
  @Column({ type: 'varchar', length: 10 }) kind: LedgerKind;
  @Column({ type: 'varchar', length: 10 }) state: CommissionState;
  /** Signed fen: a commission is positive, a reversal or clawback negative. */
  @Column({ type: 'int' }) amount: number;
  @MoneyColumn({ name: 'line_net' }) lineNet: number;
  @Column({ name: 'rate_bps', type: 'int', default: 0 }) rateBps: number;
  @MoneyColumn({ name: 'refunded_of_line' }) refundedOfLine: number;
  @MoneyColumn() taken: number;
  @Column({ name: 'source_entry_id', type: 'int', nullable: true }) sourceEntryId: number | null;
  @Column({ name: 'refund_id', type: 'int', nullable: true }) refundId: number | null;
  @DateColumn('settle_after') settleAfter: Date | null;
  @DateColumn('settled_at') settledAt: Date | null;
  @CreatedAt() createdAt: Date;
}

/** The share an order is attributed to (last share visited within the attribution window). */
@Entity('order_attributions')
@Index('idx_order_attributions_share', ['shareId'])
@Index('idx_order_attributions_sharer', ['sharerId', 'buyerId'])
export class OrderAttribution {
  @PrimaryColumn({ name: 'order_id', type: 'int' }) orderId: number;
  @Column({ name: 'share_id', type: 'int' }) shareId: number;
  @Column({ name: 'sharer_id', type: 'int' }) sharerId: number;
  @Column({ name: 'buyer_id', type: 'int' }) buyerId: number;
  @MoneyColumn() amount: number;
  @CreatedAt() createdAt: Date;
}

@Entity('withdrawals')
@Index('uq_withdrawals_bill', ['outBillNo'], { unique: true })
@Index('idx_withdrawals_user', ['userId', 'createdAt'])
@Index('idx_withdrawals_status', ['status', 'updatedAt'])
export class Withdrawal {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @MoneyColumn() amount: number;
  @Column({ type: 'varchar', length: 12 }) status: WithdrawalStatus;
  /** Fixed at creation: every call to WeChat for this withdrawal uses it, so it pays at most once. */
  @Column({ name: 'out_bill_no', type: 'varchar', length: 32 }) outBillNo: string;
  @Column({ name: 'transfer_bill_no', type: 'varchar', length: 64, nullable: true }) transferBillNo: string | null;
  @Column({ name: 'transfer_state', type: 'varchar', length: 20, nullable: true }) transferState: string | null;
  @Column({ name: 'package_info', type: 'text', nullable: true }) packageInfo: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) reason: string | null;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'reviewed_by', type: 'int', nullable: true }) reviewedBy: number | null;
  @CreatedAt() createdAt: Date;
  @DateColumn('updated_at', { nullable: false }) updatedAt: Date;
  @DateColumn('paid_at') paidAt: Date | null;
}

/** A movement of a distributor's balance that is not commission: a red packet funded from it, and its return. */
@Entity('distributor_balance_entries')
@Index('uq_distributor_balance_entries_dedupe', ['dedupeKey'], { unique: true })
@Index('idx_distributor_balance_entries_user', ['userId', 'createdAt'])
export class BalanceEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) kind: 'packet' | 'packet_return';
  /** Signed fen: a debit is negative. */
  @Column({ type: 'int' }) amount: number;
  @Column({ name: 'packet_id', type: 'int', nullable: true }) packetId: number | null;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 64 }) dedupeKey: string;
  @CreatedAt() createdAt: Date;
}

export const REFERRAL_ENTITIES = [BalanceEntry, ShareLink, ShareVisit, ReferralBinding, ReferralSettingsRow, ProductCommissionRate, Distributor, CommissionEntry, OrderAttribution, Withdrawal];
