import { ERRORS, ErrorCode, errorStatus } from './errors';

describe('the error table', () => {
  it('gives every code one 4xx or 5xx status and a default message', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERRORS[code]).toBeDefined();
      expect(errorStatus(code)).toBeGreaterThanOrEqual(400);
      expect(errorStatus(code)).toBeLessThan(600);
      expect(ERRORS[code].message.length).toBeGreaterThan(0);
    }
  });

  it('lists no code that the enum does not have', () => {
    expect(Object.keys(ERRORS).sort()).toEqual(Object.values(ErrorCode).sort());
  });
});
