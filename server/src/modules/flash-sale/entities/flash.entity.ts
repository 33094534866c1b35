import type { ReservationStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, MoneyColumn } from '../../../database/columns';

/** A time slot (场次), such as 10:00–12:00 on a day. */
@Entity('flash_slots')
@Index('idx_flash_slots_time', ['startsAt', 'endsAt'])
export class FlashSlot {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 30 }) title: string;

  @DateColumn('starts_at', { nullable: false }) startsAt: Date;

  @DateColumn('ends_at', { nullable: false }) endsAt: Date;

  /** Shoppers may use coupons on this slot's items (each coupon must also allow flash prices). */
  @BoolColumn({ name: 'accepts_coupons', default: false }) acceptsCoupons: boolean;

  @CreatedAt() createdAt: Date;
}

/** A SKU on sale in a slot, with its own flash price and flash stock (separate from the SKU's stock). */
@Entity('flash_items')
@Index('uq_flash_item_sku', ['slotId', 'skuId'], { unique: true })
export class FlashItem {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'slot_id', type: 'int' }) slotId: number;

  @Column({ name: 'sku_id', type: 'int' }) skuId: number;

  @Column({ name: 'product_id', type: 'int' }) productId: number;

  @MoneyColumn({ name: 'flash_price' }) flashPrice: number;

  @Column({ name: 'stock_total', type: 'int' }) stockTotal: number;

  /** Units not held by a reservation; the database's last guard, moved only by conditional UPDATEs. */
  @Column({ name: 'stock_left', type: 'int' }) stockLeft: number;

  @Column({ name: 'per_user_limit', type: 'int' }) perUserLimit: number;

  @DateColumn('stopped_at') stoppedAt: Date | null;
}

export type { ReservationStatus };

/** Reservations that hold units (and count towards the buyer's limit). */
export const HELD_STATUSES: ReservationStatus[] = ['reserved', 'paid'];

/**
 * One purchase: its id is the purchase id the shopper polls. Written with its order (or as rejected) in one
 * transaction, so a purchase is confirmed exactly when its order exists; the primary key makes a replayed write a no-op.
 */
@Entity('flash_reservations')
@Index('idx_flash_res_item_user', ['itemId', 'userId'])
export class FlashReservation {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id: string;

  @Column({ name: 'item_id', type: 'int' }) itemId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'int' }) quantity: number;

  @Column({ type: 'varchar', length: 10 }) status: ReservationStatus;

  @Column({ name: 'order_id', type: 'int', nullable: true, unique: true }) orderId: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true }) reason: string | null;

  /** The error code of a refusal (FLASH_SOLD_OUT, COUPON_UNUSABLE…), beside its message. */
  @Column({ name: 'reason_code', type: 'varchar', length: 40, nullable: true }) reasonCode: string | null;

  @CreatedAt() createdAt: Date;
}
