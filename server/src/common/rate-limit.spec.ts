import { LocalRateCounter, secondsLeftInWindow } from './rate-limit';

describe('LocalRateCounter', () => {
  it('counts hits per key within a one-minute window', () => {
    const counter = new LocalRateCounter();
    const t = 60_000 * 1000;
    expect(counter.hit('u1', t)).toBe(1);
    expect(counter.hit('u1', t + 59_000)).toBe(2);
    expect(counter.hit('u2', t + 59_000)).toBe(1);
  });

  it('starts every key afresh in the next window', () => {
    const counter = new LocalRateCounter();
    const t = 60_000 * 1000;
    counter.hit('u1', t);
    counter.hit('u1', t);
    expect(counter.hit('u1', t + 60_000)).toBe(1);
  });
});

describe('secondsLeftInWindow', () => {
  it('counts up to the next minute, at least 1', () => {
    expect(secondsLeftInWindow(60_000 * 1000)).toBe(60);
    expect(secondsLeftInWindow(60_000 * 1000 + 59_500)).toBe(1);
    expect(secondsLeftInWindow(60_000 * 1000 + 15_200)).toBe(45);
  });
});
