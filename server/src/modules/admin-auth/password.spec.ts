import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toEqual(await hashPassword('x'));
  });

  it('refuses malformed stored values', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });
});
