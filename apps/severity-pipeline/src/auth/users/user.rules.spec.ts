import { passwordWeakness } from './user.rules';

describe('passwordWeakness', () => {
  it.each(['correct horse battery', 'Tr0ub4dor&3', 'ops on call'])('accepts %j', (password) => {
    expect(passwordWeakness(password, 'ops')).toBeUndefined();
  });

  it.each([
    ['short', 'must contain at least 8 characters'],
    ['x'.repeat(1025), 'must contain at most 1024 characters'],
    ['20261123', 'must not be entirely numeric'],
    ['Admin2026!', 'must not contain the username'],
  ])('refuses %j: %s', (password, reason) => {
    expect(passwordWeakness(password, 'admin')).toBe(reason);
  });

  it('refuses the username itself, however short', () => {
    expect(passwordWeakness('abcdefgh', 'ABCDEFGH')).toBe('must not contain the username');
  });
});
