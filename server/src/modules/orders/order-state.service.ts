import { Injectable } from '@nestjs/common';
import { OrderEvent, OrderStatus, nextOrderStatus } from '@linli/shared';
import { EntityManager } from 'typeorm';
import { affectedRows } from '../../database/transaction-runner';
import { OrderEventRecord } from './entities/order-event.entity';
import { Order } from './entities/order.entity';

/**
 * Applies a state-machine event to an order as one conditional UPDATE on the state the caller read.
 * If another request or instance moved the order first, nothing changes and `false` comes back,
 * so side effects (returning stock, refunds) run exactly once: only for the caller that won.
 */
@Injectable()
export class OrderStateService {
  async apply(
    m: EntityManager,
    order: Pick<Order, 'id' | 'status'>,
    event: OrderEvent,
    actor: string,
    changes: Partial<Pick<Order, 'paidAt' | 'shippedAt' | 'carrier' | 'trackingNo' | 'completedAt' | 'cancelledAt' | 'cancelReason'>> = {},
    note = '',
    resumeTo?: OrderStatus,
  ): Promise<boolean> {
    const to = nextOrderStatus(order.status, event, resumeTo);
    if (!to) return false;
    const result = await m
      .createQueryBuilder()
      .update(Order)
      .set({ ...changes, status: to })
      .where('id = :id AND status = :from', { id: order.id, from: order.status })
      .execute();
    if (affectedRows(result) !== 1) return false;
    await m.getRepository(OrderEventRecord).insert({ orderId: order.id, event, fromStatus: order.status, toStatus: to, actor, note: note.slice(0, 200) });
    return true;
  }
}
