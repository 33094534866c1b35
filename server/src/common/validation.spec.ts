import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isCanonicalId } from './id-param.pipe';
import { IsId, IsStringMap, jsonDepth, MAX_JSON_DEPTH, OptionalNonNull, SaneDate } from './validation';

class Probe {
  @OptionalNonNull() @IsId() id?: number;
  @OptionalNonNull() @SaneDate() at?: Date;
  @OptionalNonNull() @IsStringMap(2) specs?: Record<string, string>;
}

const errorsFor = (plain: object) => validateSync(plainToInstance(Probe, plain)).map((e) => e.property);

describe('house validation', () => {
  it('lets a field be left out but refuses null', () => {
    expect(errorsFor({})).toEqual([]);
    expect(errorsFor({ id: null, at: null, specs: null })).toEqual(['id', 'at', 'specs']);
  });

  it('bounds ids, dates and string maps', () => {
    expect(errorsFor({ id: 1, at: '2030-01-01T00:00:00Z', specs: { 颜色: '红' } })).toEqual([]);
    expect(errorsFor({ id: 1e308 })).toEqual(['id']);
    expect(errorsFor({ id: 2 ** 31 })).toEqual(['id']);
    expect(errorsFor({ at: '-000001-01-01T00:00:00Z' })).toEqual(['at']);
    expect(errorsFor({ at: '2200-01-01T00:00:00Z' })).toEqual(['at']);
    expect(errorsFor({ specs: [] })).toEqual(['specs']);
    expect(errorsFor({ specs: { a: ['x'] } })).toEqual(['specs']);
    expect(errorsFor({ specs: { a: 'x', b: 'y', c: 'z' } })).toEqual(['specs']);
  });

  it('measures JSON depth without recursion, even thousands deep', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(jsonDepth(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBeGreaterThan(MAX_JSON_DEPTH);
  });

  it('takes only canonical ids', () => {
    expect(['1', '16', '2147483647'].every(isCanonicalId)).toBe(true);
    expect(['0x10', '16.0', '+16', '16e0', ' 16', '16 ', '016', '0', '-1', '2147483648', ''].some(isCanonicalId)).toBe(false);
  });
});
