import { lifetimeSeconds } from './token-lifetime';

describe('lifetimeSeconds', () => {
  it.each([
    ['300', 300],
    ['45s', 45],
    ['5m', 300],
    ['12h', 43_200],
    ['1d', 86_400],
  ])('reads %s as %d seconds', (lifetime, seconds) => {
    expect(lifetimeSeconds(lifetime)).toBe(seconds);
  });
});
