import { ErrorCode } from '@linli/shared';
import { toErrorResponse } from '../../common/error.filter';
import { parseFlashPurchase } from './flash-purchase.route';

const valid = { itemId: 3, quantity: 1, addressId: 7 };

function refusal(body: unknown) {
  try {
    parseFlashPurchase(body);
  } catch (err) {
    return toErrorResponse(err);
  }
  throw new Error('accepted');
}

describe('parseFlashPurchase', () => {
  it('accepts a purchase with integer fields in range', () => {
    expect(parseFlashPurchase(valid)).toEqual(valid);
    expect(parseFlashPurchase({ ...valid, couponId: 9 })).toEqual({ ...valid, couponId: 9 });
  });

  it.each([
    ['not an object', 'x'],
    ['an array', [valid]],
    ['null', null],
    ['a missing field', { itemId: 3, quantity: 1 }],
    ['a string number', { ...valid, itemId: '3' }],
    ['a fraction', { ...valid, quantity: 1.5 }],
    ['zero', { ...valid, quantity: 0 }],
    ['over the quantity cap', { ...valid, quantity: 100 }],
    ['over int range', { ...valid, addressId: 2 ** 31 }],
    ['an unknown field (such as a price)', { ...valid, price: 1 }],
    ['a client-sent discount', { ...valid, couponId: 9, discount: 500 }],
    ['a null coupon id (omit it for none)', { ...valid, couponId: null }],
    ['a string coupon id', { ...valid, couponId: '9' }],
    ['an own __proto__ key (as JSON.parse makes it)', JSON.parse('{"itemId":3,"quantity":1,"addressId":7,"__proto__":{}}') as unknown],
    ['an inherited name as a key', { ...valid, constructor: 1 }],
  ])('refuses %s with 400 VALIDATION_FAILED', (_, body) => {
    const { status, body: error } = refusal(body);
    expect(status).toBe(400);
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message).toEqual(expect.any(String));
  });
});
