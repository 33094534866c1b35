import type { RedPacketFunding, RedPacketKind, RedPacketStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAt, DateColumn, MoneyColumn } from '../../../database/columns';

/**
 * A pot of shop credit split into shares when it is made. Claims move `claimedCount`/`claimedAmount` by a
 * conditional UPDATE on this row; expiry moves `status` by one and computes `returnedAmount` in the same UPDATE.
 */
@Entity('red_packets')
@Index('idx_red_packets_status_expires', ['status', 'expiresAt'])
@Index('uq_red_packets_code', ['code'], { unique: true })
@Index('uq_red_packets_order', ['orderId'], { unique: true })
@Index('idx_red_packets_sender', ['senderUserId'])
@Index('uq_red_packets_sender_request', ['senderUserId', 'requestKey'], { unique: true })
export class RedPacket {
  @PrimaryGeneratedColumn() id: number;

  /** What a share link carries: unguessable, so packets cannot be enumerated. */
  @Column({ type: 'varchar', length: 16 }) code: string;

  @Column({ type: 'varchar', length: 12 }) kind: RedPacketKind;

  @Column({ type: 'varchar', length: 8 }) funding: RedPacketFunding;

  @Column({ type: 'varchar', length: 16 }) status: RedPacketStatus;

  /** Null for an operator's packet. */
  @Column({ name: 'sender_user_id', type: 'int', nullable: true }) senderUserId: number | null;

  @Column({ name: 'sender_name', type: 'varchar', length: 32 }) senderName: string;

  /** 专属: the one shopper who may claim it (null: the first friend who opens it). */
  @Column({ name: 'recipient_user_id', type: 'int', nullable: true }) recipientUserId: number | null;

  @Column({ type: 'varchar', length: 40 }) greeting: string;

  @MoneyColumn() amount: number;

  @Column({ name: 'share_count', type: 'int' }) shareCount: number;

  @Column({ name: 'claimed_count', type: 'int', default: 0 }) claimedCount: number;

  @MoneyColumn({ name: 'claimed_amount' }) claimedAmount: number;

  @MoneyColumn({ name: 'returned_amount', nullable: true, default: null }) returnedAmount: number | null;

  @MoneyColumn() threshold: number;

  @Column({ name: 'coupon_valid_days', type: 'int' }) couponValidDays: number;

  @Column({ type: 'varchar', length: 32 }) seed: string;

  /** A paid packet's order (kind `packet`), paid through the payments module. */
  @Column({ name: 'order_id', type: 'int', nullable: true }) orderId: number | null;

  @Column({ name: 'refund_id', type: 'int', nullable: true }) refundId: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 32 }) createdBy: string;

  /** A balance-funded send's idempotency key (paid sends keep theirs on the order). */
  @Column({ name: 'request_key', type: 'varchar', length: 64, nullable: true }) requestKey: string | null;

  @DateColumn('expires_at', { nullable: false }) expiresAt: Date;

  @DateColumn('activated_at') activatedAt: Date | null;

  @DateColumn('closed_at') closedAt: Date | null;

  @CreatedAt() createdAt: Date;

  @VersionColumn({ default: 1 }) version: number;
}

@Entity('red_packet_shares')
@Index('uq_red_packet_shares_seq', ['packetId', 'seq'], { unique: true })
@Index('uq_red_packet_shares_user', ['packetId', 'userId'], { unique: true })
@Index('idx_red_packet_shares_user', ['userId'])
export class RedPacketShare {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'packet_id', type: 'int' }) packetId: number;

  /** 1..shareCount: the n-th claim takes share n. */
  @Column({ type: 'int' }) seq: number;

  @MoneyColumn() amount: number;

  @Column({ name: 'user_id', type: 'int', nullable: true }) userId: number | null;

  @Column({ name: 'coupon_id', type: 'int', nullable: true }) couponId: number | null;

  @DateColumn('claimed_at') claimedAt: Date | null;
}
