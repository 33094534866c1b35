import type { DataSource } from 'typeorm';
import { AccountStanding } from './account-standing';

/** A users table in memory, answering the lookup statement, recording what was asked. */
function fakeUsers(blocked: Record<number, boolean>) {
  const statements: number[][] = [];
  let failNext = false;
  const dataSource = {
    query: async (sql: string, params: number[]) => {
      expect(sql).toMatch(/^SELECT id, blocked FROM users WHERE id IN \((\?, )*\?\)$/);
      expect(sql.split('?').length - 1).toBe(params.length);
      statements.push(params);
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      return params.filter((id) => id in blocked).map((id) => ({ id: String(id), blocked: blocked[id] ? 1 : 0 }));
    },
  } as unknown as DataSource;
  return { standing: new AccountStanding(dataSource), statements, blocked, failOnce: () => (failNext = true) };
}

describe('AccountStanding.shopper', () => {
  it('answers every lookup of one turn from one statement, each id asked once', async () => {
    const { standing, statements } = fakeUsers({ 1: false, 2: true });
    const answers = await Promise.all([standing.shopper(1), standing.shopper(2), standing.shopper(1), standing.shopper(3)]);
    expect(answers).toEqual(['active', 'blocked', 'active', 'unknown']);
    expect(statements).toEqual([[1, 2, 3]]);
  });

  it('reads again in a later turn, so a shopper blocked in between is refused', async () => {
    const users = fakeUsers({ 7: false });
    expect(await users.standing.shopper(7)).toBe('active');
    users.blocked[7] = true;
    expect(await users.standing.shopper(7)).toBe('blocked');
    expect(users.statements).toEqual([[7], [7]]);
  });

  it('splits a large turn into statements of at most 500 ids', async () => {
    const ids = Array.from({ length: 1201 }, (_, i) => i + 1);
    const { standing, statements } = fakeUsers(Object.fromEntries(ids.map((id) => [id, id % 2 === 0])));
    const answers = await Promise.all(ids.map((id) => standing.shopper(id)));
    expect(answers.every((a, i) => a === (ids[i] % 2 === 0 ? 'blocked' : 'active'))).toBe(true);
    expect(statements.map((s) => s.length)).toEqual([500, 500, 201]);
  });

  it('fails every waiter of a failed statement, and the next turn reads afresh', async () => {
    const users = fakeUsers({ 1: false, 2: false });
    users.failOnce();
    const failed = await Promise.allSettled([users.standing.shopper(1), users.standing.shopper(2), users.standing.shopper(1)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await users.standing.shopper(2)).toBe('active');
  });
});
