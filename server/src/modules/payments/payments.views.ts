import type { PaymentView, RefundView } from '@linli/shared';
import type { Payment } from './entities/payment.entity';
import type { Refund } from './entities/refund.entity';

export const toPaymentView = (p: Payment): PaymentView => ({ status: p.status, amount: p.amount, paidAt: p.paidAt?.toISOString() ?? null });

export const toRefundView = (r: Refund): RefundView => ({
  id: r.id,
  refundNo: r.outRefundNo,
  type: r.type,
  source: r.source,
  status: r.status,
  amount: r.amount,
  reason: r.reason,
  rejectReason: r.rejectReason,
  lines: r.lines.map(({ skuId, title, specs, quantity, amount }) => ({ skuId, title, specs, quantity, amount })),
  createdAt: r.createdAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
});
