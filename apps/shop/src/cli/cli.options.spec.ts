import {
  DEFAULT_SHOP_URL,
  readOptions,
  seed,
  shopUrl,
  UsageError,
  wholeNumber,
} from './cli.options';

describe('CLI options', () => {
  describe('shopUrl', () => {
    it('takes --url first, then SHOP_URL, then the default, without a trailing slash', () => {
      expect(shopUrl('http://a:1/', { SHOP_URL: 'http://b:2' })).toBe('http://a:1');
      expect(shopUrl(undefined, { SHOP_URL: 'https://b:2/' })).toBe('https://b:2');
      expect(shopUrl(undefined, { SHOP_URL: '' })).toBe(DEFAULT_SHOP_URL);
      expect(shopUrl(undefined, {})).toBe('http://127.0.0.1:3005');
    });

    it('refuses what is not an http(s) URL, naming where it came from', () => {
      expect(() => shopUrl('localhost:3005', {})).toThrow(
        new UsageError(
          '--url must be an http(s) URL like http://127.0.0.1:3005, not "localhost:3005"',
        ),
      );
      expect(() => shopUrl(undefined, { SHOP_URL: 'ftp://x' })).toThrow(/^SHOP_URL must be/);
    });
  });

  describe('wholeNumber', () => {
    const range = { min: 1, max: 100, fallback: 20 };

    it('reads a whole number within the range, or the fallback when absent', () => {
      expect(wholeNumber('--limit', '1', range)).toBe(1);
      expect(wholeNumber('--limit', '100', range)).toBe(100);
      expect(wholeNumber('--limit', undefined, range)).toBe(20);
    });

    it.each(['0', '101', '2.5', 'ten', '', ' ', '1e3'])('refuses "%s"', (text) => {
      expect(() => wholeNumber('--limit', text, range)).toThrow(
        new UsageError(`--limit must be a whole number from 1 to 100, not "${text}"`),
      );
    });
  });

  describe('seed', () => {
    it('takes the given seed, or draws a fresh whole one', () => {
      expect(seed('42')).toBe(42);
      expect(Number.isInteger(seed(undefined))).toBe(true);
      expect(() => seed('-1')).toThrow(UsageError);
    });
  });

  describe('readOptions', () => {
    it("reads the tool's options and the common ones", () => {
      expect(
        readOptions(['--count', '3', '--url', 'http://x', '-h'], { count: { type: 'string' } }),
      ).toEqual({
        count: '3',
        url: 'http://x',
        help: true,
      });
    });

    it('refuses an unknown option or a stray argument as a UsageError', () => {
      expect(() => readOptions(['--cuont', '3'], { count: { type: 'string' } })).toThrow(
        UsageError,
      );
      expect(() => readOptions(['3'], { count: { type: 'string' } })).toThrow(UsageError);
    });
  });
});
