import { Injectable } from '@nestjs/common';
import { LIFECYCLE_EVENTS_OF, OrderEvent, OrderLifecycleEvent, OrderStatus, nextOrderStatus } from '@linli/shared';
import { EntityManager } from 'typeorm';
import { transition } from '../../database/transition';
import { OrderEventRecord } from './entities/order-event.entity';
import { Order } from './entities/order.entity';
import { OrderLifecycle, RefundedGoods } from './order-lifecycle';

type OrderChanges = Partial<Pick<Order, 'paidAt' | 'shippedAt' | 'carrier' | 'trackingNo' | 'readyAt' | 'completedAt' | 'cancelledAt' | 'cancelReason' | 'pickedUpBy'>>;

export interface ApplyOptions {
  changes?: OrderChanges;
  note?: string;
  /** For `reject_refund`: the state the order had before the after-sale. */
  resumeTo?: OrderStatus;
  /** For `refund` and `partial_refund`: what went back. */
  refund?: RefundedGoods;
}

/**
 * The one place an order's state changes. An event becomes one conditional UPDATE on the state the caller read
 * (through `transition`); if another request or instance moved the order first, nothing changes and `false` comes
 * back. The winner records the order's history row and announces the lifecycle events of the transition to their
 * handlers, inside the same transaction, so side effects (stock, seats, reservations) happen exactly once.
 */
@Injectable()
export class OrderStateService {
  constructor(private readonly lifecycle: OrderLifecycle) {}

  async apply(m: EntityManager, order: Pick<Order, 'id' | 'status'> & Partial<Pick<Order, 'fulfilment'>>, event: OrderEvent, actor: string, options: ApplyOptions = {}): Promise<boolean> {
    const fulfilment = order.fulfilment ?? (await m.getRepository(Order).findOne({ select: { id: true, fulfilment: true }, where: { id: order.id } }))?.fulfilment ?? 'delivery';
    const to = nextOrderStatus(order.status, event, options.resumeTo, fulfilment);
    if (!to) return false;
    // A transition that keeps the status (a partial refund) still writes the row (its version moves), so it
    // serializes with every other change to the order.
    if (!(await transition(m, Order, { id: order.id }, [order.status], to, options.changes))) return false;
    await m.getRepository(OrderEventRecord).insert({ orderId: order.id, event, fromStatus: order.status, toStatus: to, actor: actor.slice(0, 32), note: (options.note ?? '').slice(0, 200) });
    const announced = LIFECYCLE_EVENTS_OF[event].filter((e) => this.lifecycle.has(e));
    if (!announced.length) return true;
    const payload = { order: await m.getRepository(Order).findOneByOrFail({ id: order.id }), transition: event, from: order.status, actor };
    for (const e of announced) await this.emit(m, e, payload, options.refund);
    return true;
  }

  private async emit(m: EntityManager, event: OrderLifecycleEvent, payload: { order: Order; transition: OrderEvent; from: OrderStatus; actor: string }, refund?: RefundedGoods): Promise<void> {
    if (event === 'refunded') {
      if (!refund) throw new Error(`order ${payload.order.id}: a refund transition needs what was refunded`);
      await this.lifecycle.emit(m, 'refunded', { ...payload, refund });
    } else if (event !== 'created') {
      await this.lifecycle.emit(m, event, payload);
    }
  }
}
