import { PICKUP_PHASE_LABEL, allocateShortage, alreadyPickedUpMessage, campaignPhase, communityPayDeadline, distanceMetres, formatDistance, formatPickupCode, maskPhone, nextBatchStatus, normalizePickupCode, pickupDateRefusal, pickupPhase, sortStores, storeTakesOrders } from './community';

const westLake = { latitude: 30.2431, longitude: 120.1500 };
const stores = [
  { id: 1, name: '文三路店', district: '西湖区', latitude: 30.2800, longitude: 120.1400 },
  { id: 2, name: '湖滨店', district: '上城区', latitude: 30.2550, longitude: 120.1650 },
  { id: 3, name: '滨江店', district: '滨江区', latitude: 30.2100, longitude: 120.2100 },
  { id: 4, name: '湖滨二店', district: '上城区', latitude: 30.2550, longitude: 120.1650 },
];

describe('distance', () => {
  it('is zero at the same point and about 111 km per degree of latitude', () => {
    expect(distanceMetres(westLake, westLake)).toBe(0);
    const d = distanceMetres({ latitude: 30, longitude: 120 }, { latitude: 31, longitude: 120 });
    expect(d).toBeGreaterThan(110_000);
    expect(d).toBeLessThan(112_000);
  });

  it('is symmetric', () => {
    expect(distanceMetres(stores[0], stores[2])).toBe(distanceMetres(stores[2], stores[0]));
  });

  it('formats metres and kilometres', () => {
    expect(formatDistance(350)).toBe('350m');
    expect(formatDistance(1234)).toBe('1.2km');
  });
});

describe('sortStores', () => {
  it('puts the nearest first, ties by id, with each distance', () => {
    const sorted = sortStores(stores, westLake);
    expect(sorted.map((s) => s.id)).toEqual([2, 4, 1, 3]);
    expect(sorted.every((s, i) => i === 0 || s.distance! >= sorted[i - 1].distance!)).toBe(true);
  });

  it('without a location sorts by district, then name, with no distance', () => {
    const sorted = sortStores(stores, null);
    expect(sorted.every((s) => s.distance === null)).toBe(true);
    const districts = sorted.map((s) => s.district);
    expect(districts).toEqual([...districts].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(sorted.filter((s) => s.district === '上城区').map((s) => s.id)).toEqual(sortStores(stores.filter((s) => s.district === '上城区'), null).map((s) => s.id));
  });
});

describe('pickup code text', () => {
  it('accepts 16 digits with spaces or dashes and refuses anything else', () => {
    expect(normalizePickupCode('1234 5678-9012 3456')).toBe('1234567890123456');
    expect(normalizePickupCode('123456789012345')).toBeNull();
    expect(normalizePickupCode('12345678901234567')).toBeNull();
    expect(normalizePickupCode('12345678901234a6')).toBeNull();
    expect(normalizePickupCode('')).toBeNull();
  });

  it('groups digits by four', () => {
    expect(formatPickupCode('0012345678901234')).toBe('0012 3456 7890 1234');
  });

  it('tells when (China time) and by whom', () => {
    expect(alreadyPickedUpMessage(new Date('2026-11-30T02:05:00Z'), '团长 小王')).toBe('该订单已于 2026-11-30 10:05 由 团长 小王 核销，不能重复提货');
  });
});

describe('store state', () => {
  it('only an open store takes orders', () => {
    expect(storeTakesOrders('open')).toBe(true);
    expect(storeTakesOrders('paused')).toBe(false);
    expect(storeTakesOrders('closed')).toBe(false);
  });
});

describe('batch machine', () => {
  it('moves pending → shipping → arrived and nothing else', () => {
    expect(nextBatchStatus('pending', 'ship')).toBe('shipping');
    expect(nextBatchStatus('shipping', 'arrive')).toBe('arrived');
    expect(nextBatchStatus('pending', 'arrive')).toBeNull();
    expect(nextBatchStatus('arrived', 'arrive')).toBeNull();
    expect(nextBatchStatus('arrived', 'ship')).toBeNull();
    expect(nextBatchStatus('shipping', 'ship')).toBeNull();
  });
});

describe('campaign phase and pay deadline', () => {
  const c = { startsAt: new Date('2026-12-01T00:00:00Z'), cutoffAt: new Date('2026-12-01T14:00:00Z') };
  it('is upcoming, selling, then closed from the cut-off on', () => {
    expect(campaignPhase(c, new Date('2026-11-30T23:59:59Z'))).toBe('upcoming');
    expect(campaignPhase(c, new Date('2026-12-01T13:59:59Z'))).toBe('selling');
    expect(campaignPhase(c, c.cutoffAt)).toBe('closed');
  });
  it('makes an order expire at the cut-off when that comes first', () => {
    expect(communityPayDeadline(new Date('2026-12-01T13:50:00Z'), 30 * 60_000, c.cutoffAt)).toEqual(c.cutoffAt);
    expect(communityPayDeadline(new Date('2026-12-01T10:00:00Z'), 30 * 60_000, c.cutoffAt)).toEqual(new Date('2026-12-01T10:30:00Z'));
  });
});

describe('pickup phase', () => {
  it('names the shopper-facing states', () => {
    expect(['grouping', 'paid', 'ready_for_pickup', 'completed', 'refunded'].map((s) => PICKUP_PHASE_LABEL[pickupPhase(s)])).toEqual(['待成团', '待配送', '待自提', '已自提', '已关闭']);
  });
});

describe('allocateShortage', () => {
  const orders = [
    { orderId: 1, skuId: 10, quantity: 2 },
    { orderId: 2, skuId: 10, quantity: 1 },
    { orderId: 2, skuId: 20, quantity: 3 },
    { orderId: 3, skuId: 10, quantity: 4 },
  ];
  it('takes from the latest orders first, never more than an order holds', () => {
    expect(allocateShortage(orders, [{ skuId: 10, quantity: 6 }])).toEqual([
      { orderId: 3, skuId: 10, quantity: 4 },
      { orderId: 2, skuId: 10, quantity: 1 },
      { orderId: 1, skuId: 10, quantity: 1 },
    ]);
  });
  it('allocates exactly the shortage, per SKU, when the orders hold enough (random cases)', () => {
    for (let n = 0; n < 200; n++) {
      const list = Array.from({ length: 1 + (n % 7) }, (_, i) => ({ orderId: i + 1, skuId: 10 + (i % 2) * 10, quantity: 1 + ((n * 7 + i * 3) % 5) }));
      for (const skuId of [10, 20]) {
        const held = list.filter((l) => l.skuId === skuId).reduce((s, l) => s + l.quantity, 0);
        const short = n % (held + 1);
        const out = allocateShortage(list, [{ skuId, quantity: short }]);
        expect(out.reduce((s, l) => s + l.quantity, 0)).toBe(short);
        for (const o of out) expect(o.quantity).toBeLessThanOrEqual(list.find((l) => l.orderId === o.orderId && l.skuId === skuId)!.quantity);
      }
    }
  });
  it('allocates nothing for no shortage', () => {
    expect(allocateShortage(orders, [])).toEqual([]);
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('861****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('pickupDateRefusal', () => {
  const cutoff = new Date('2026-12-01T14:00:00Z'); // 22:00 in China on 1 December

  it('takes the cut-off day and any later calendar day', () => {
    expect(pickupDateRefusal('2026-12-01', cutoff)).toBeNull();
    expect(pickupDateRefusal('2027-01-15', cutoff)).toBeNull();
  });

  it('refuses a day before the cut-off day in China, even when it is the same day in UTC', () => {
    expect(pickupDateRefusal('2026-11-30', cutoff)).toBe('提货日期不能早于截单日期');
    expect(pickupDateRefusal('2026-12-01', new Date('2026-12-01T16:30:00Z'))).toBe('提货日期不能早于截单日期');
  });

  it('refuses what is not a calendar day', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-5', '']) expect(pickupDateRefusal(bad, cutoff)).toBe('提货日期不是有效的日期');
  });
});
