import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { FULFILMENTS, Fulfilment, MAX_LINE_QUANTITY, ORDER_STATUSES, REFUNDABLE_ORDER_STATUSES, OrderLineInput, OrderStatus, OrderView } from '@linli/shared';
import { KeysetPageQuery } from '../../common/pagination.dto';
import { IsId, OptionalNonNull, SaneDate, Trim } from '../../common/validation';
import { toPaymentView, toRefundView } from '../payments/payments.views';
import type { Payment } from '../payments/entities/payment.entity';
import type { Refund } from '../payments/entities/refund.entity';
import type { OrderEventRecord } from './entities/order-event.entity';
import type { OrderLine } from './entities/order-line.entity';
import type { Order } from './entities/order.entity';
import type { PickupStore } from './entities/pickup-store.entity';


export class OrderLineDto implements OrderLineInput {
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY }) @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity: number;
}

export class OrderPreviewDto {
  @ApiProperty({ type: [OrderLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines: OrderLineDto[];
  @ApiPropertyOptional() @OptionalNonNull() @IsId() addressId?: number;
  @ApiPropertyOptional({ enum: FULFILMENTS, default: 'delivery' }) @OptionalNonNull() @IsIn(FULFILMENTS) fulfilment?: Fulfilment;
  // Checked whenever sent (not only for pickup), so a malformed one is a 400 rather than silently ignored.
  @ApiPropertyOptional({ description: 'Required for pickup' })
  @ValidateIf((o: OrderPreviewDto) => o.fulfilment === 'pickup' || o.pickupStoreId !== undefined) @IsId() pickupStoreId?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'One of your coupons; null for none; omit to get the best one' }) @IsOptional() @IsId() couponId?: number | null;
}

export class CreateOrderDto {
  @ApiProperty({ type: [OrderLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines: OrderLineDto[];
  @ApiPropertyOptional({ description: 'Required for delivery; a pickup order has no address' })
  @ValidateIf((o: CreateOrderDto) => o.fulfilment !== 'pickup' || o.addressId !== undefined) @IsId() addressId?: number;
  @ApiPropertyOptional({ enum: FULFILMENTS, default: 'delivery' }) @OptionalNonNull() @IsIn(FULFILMENTS) fulfilment?: Fulfilment;
  @ApiPropertyOptional({ description: 'Required for pickup: an open pickup store' })
  @ValidateIf((o: CreateOrderDto) => o.fulfilment === 'pickup' || o.pickupStoreId !== undefined) @IsId() pickupStoreId?: number;
  @ApiProperty({ enum: ['cart', 'buy_now'] }) @IsIn(['cart', 'buy_now']) source: 'cart' | 'buy_now';
  @ApiPropertyOptional() @OptionalNonNull() @Trim() @IsString() @Length(0, 200) remark?: string;
  @ApiPropertyOptional({ example: 'k-6f1c2a9e', description: 'Idempotency key: repeating a create with it returns the same order' })
  @OptionalNonNull() @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'requestKey must be 8-64 letters, digits, _ or -' }) requestKey?: string;
  @ApiPropertyOptional({ description: 'One of your coupons; the server re-checks it and computes the discount' }) @OptionalNonNull() @IsId() couponId?: number;
}

export class CancelOrderDto {
  @ApiPropertyOptional() @OptionalNonNull() @Trim() @IsString() @Length(0, 100) reason?: string;
}

export class OrderListQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @OptionalNonNull() @IsIn(ORDER_STATUSES) status?: OrderStatus;

  @ApiPropertyOptional({ description: 'Only orders with an after-sale' })
  @OptionalNonNull() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() afterSale?: boolean;
}

export class AdminOrderQuery extends OrderListQuery {
  @ApiPropertyOptional({ example: '20261130000001' }) @OptionalNonNull() @Matches(/^\d{6,32}$/) orderNo?: string;
  @ApiPropertyOptional() @OptionalNonNull() @Type(() => Number) @IsId() userId?: number;
  @ApiPropertyOptional({ description: 'ISO date-time, inclusive' }) @OptionalNonNull() @SaneDate() createdFrom?: Date;
  @ApiPropertyOptional({ description: 'ISO date-time, exclusive' }) @OptionalNonNull() @SaneDate() createdTo?: Date;
}

export class ShipOrderDto {
  @ApiProperty({ example: '顺丰速运' }) @Trim() @IsString() @Length(1, 32) carrier: string;
  @ApiProperty({ example: 'SF1234567890' }) @Trim() @Matches(/^[A-Za-z0-9-]{4,64}$/, { message: 'trackingNo must be 4-64 letters, digits or -' }) trackingNo: string;
}

export interface AdminOrderView extends OrderView {
  userId: number;
  events: { event: string; fromStatus: string | null; toStatus: string; actor: string; note: string; at: string }[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** What the order and its money look like together: payment, refunds and what is still refundable. */
export interface OrderMoney {
  payment: Payment | null;
  refunds: Refund[];
}

export function refundableAmount(order: Order, money: OrderMoney): number {
  if (money.payment?.status !== 'success' || !REFUNDABLE_ORDER_STATUSES.includes(order.status)) return 0;
  const held = money.refunds.filter((r) => r.status !== 'rejected' && r.status !== 'failed').reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, order.total - held);
}

export function toOrderView(order: Order, lines: OrderLine[], money: OrderMoney = { payment: null, refunds: [] }, store?: PickupStore): OrderView {
  return {
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    kind: order.kind,
    groupId: order.groupId,
    lines: lines.map((l) => ({ skuId: l.skuId, productId: l.productId, title: l.title, cover: l.cover, specs: l.specs, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal, netAmount: l.netAmount })),
    subtotal: order.subtotal,
    freight: order.freight,
    discount: order.discount,
    total: order.total,
    fulfilment: order.fulfilment,
    address: order.address,
    pickupStore: store ? { id: store.id, name: store.name, address: store.address } : null,
    remark: order.remark,
    createdAt: order.createdAt.toISOString(),
    payDeadline: order.payDeadline.toISOString(),
    paidAt: iso(order.paidAt),
    shipment: order.shippedAt && order.carrier && order.trackingNo ? { carrier: order.carrier, trackingNo: order.trackingNo, shippedAt: order.shippedAt.toISOString() } : null,
    completedAt: iso(order.completedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    payment: money.payment ? toPaymentView(money.payment) : null,
    refunds: [...money.refunds].sort((a, b) => b.id - a.id).map(toRefundView),
    refundableAmount: refundableAmount(order, money),
  };
}

export function toAdminOrderView(order: Order, lines: OrderLine[], events: OrderEventRecord[], money?: OrderMoney, store?: PickupStore): AdminOrderView {
  return {
    ...toOrderView(order, lines, money, store),
    userId: order.userId,
    events: events.map((e) => ({ event: e.event, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, note: e.note, at: e.createdAt.toISOString() })),
  };
}
