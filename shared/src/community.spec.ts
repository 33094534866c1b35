import { alreadyPickedUpMessage, distanceMetres, formatDistance, formatPickupCode, normalizePickupCode, sortStores, storeTakesOrders } from './community';

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
