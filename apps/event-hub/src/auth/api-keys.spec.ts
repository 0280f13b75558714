import { ApiKeys } from './api-keys';

const KEY = 'k-0123456789abcdef';
const OTHER = 'k-fedcba9876543210';

describe('ApiKeys', () => {
  it('requires no key when API_KEYS is unset or empty', () => {
    expect(ApiKeys.parse(undefined).required).toBe(false);
    expect(ApiKeys.parse('').required).toBe(false);
  });

  it('admits each configured key, and nothing else', () => {
    const keys = ApiKeys.parse(`${KEY},${OTHER}`);

    expect(keys.required).toBe(true);
    expect(keys.admits(KEY)).toBe(true);
    expect(keys.admits(OTHER)).toBe(true);
    expect(keys.admits(`${KEY}x`)).toBe(false);
    expect(keys.admits(KEY.slice(0, -1))).toBe(false);
    expect(keys.admits(KEY.toUpperCase())).toBe(false);
    expect(keys.admits('')).toBe(false);
    expect(keys.admits(`${KEY},${OTHER}`)).toBe(false);
  });
});
