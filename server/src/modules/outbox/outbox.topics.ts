/**
 * Every outbox topic and its payload. Payloads carry ids, not copies of data or secrets:
 * the handler reads the current rows when it runs, and operators see payloads in the admin list.
 */
export interface OutboxPayloads {
  /** Report a shipped WeChat Pay order to WeChat (upload_shipping_info). */
  'wechat.shipping_report': { orderId: number };
  /** Pay an approved withdrawal through WeChat Pay's merchant transfer (its out_bill_no makes a retry safe). */
  'referrals.transfer': { withdrawalId: number };
  /** Tell a shopper who consented at checkout that their pickup order is waiting at the store (subscribe/send). */
  'community.pickup_ready': { orderId: number };
  /** Tell a store's leader (who consented in the workbench) that a pickup has waited PICKUP_OVERDUE_DAYS. */
  'community.pickup_overdue': { orderId: number };
}

export type OutboxTopic = keyof OutboxPayloads;

/** What a handler learns about the delivery besides its payload. */
export interface OutboxDelivery {
  messageId: number;
  /** 1 on the first attempt. */
  attempt: number;
}

/**
 * Delivers one message. It resolves when the effect is done (or was already done); it throws to be retried.
 * A lease can run out on a worker that is still busy, so a handler must be idempotent in effect
 * (the shipping report checks `payments.shipping_reported_at` first).
 */
export type OutboxHandler<T extends OutboxTopic> = (payload: OutboxPayloads[T], delivery: OutboxDelivery) => Promise<void>;
