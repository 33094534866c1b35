import { REFUND_STATUSES, RefundEvent, isOpenRefund, nextRefundStatus } from './payment-state';

describe('refund state machine', () => {
  it('goes pending_review → approved → processing → succeeded', () => {
    expect(nextRefundStatus('pending_review', 'approve')).toBe('approved');
    expect(nextRefundStatus('approved', 'submit')).toBe('processing');
    expect(nextRefundStatus('processing', 'succeed')).toBe('succeeded');
  });

  it('accepts success before the submit was recorded, and failure from either', () => {
    expect(nextRefundStatus('approved', 'succeed')).toBe('succeeded');
    expect(nextRefundStatus('approved', 'fail')).toBe('failed');
    expect(nextRefundStatus('processing', 'fail')).toBe('failed');
    expect(nextRefundStatus('failed', 'retry')).toBe('approved');
  });

  it('decides a review once', () => {
    expect(nextRefundStatus('pending_review', 'reject')).toBe('rejected');
    expect(nextRefundStatus('approved', 'approve')).toBeNull();
    expect(nextRefundStatus('rejected', 'approve')).toBeNull();
    expect(nextRefundStatus('approved', 'reject')).toBeNull();
  });

  it('never leaves succeeded or rejected', () => {
    const events: RefundEvent[] = ['approve', 'reject', 'submit', 'succeed', 'fail', 'retry'];
    for (const s of ['succeeded', 'rejected'] as const) for (const e of events) expect(nextRefundStatus(s, e)).toBeNull();
  });

  it('knows which refunds are still open', () => {
    expect(REFUND_STATUSES.filter(isOpenRefund)).toEqual(['pending_review', 'approved', 'processing']);
  });
});
