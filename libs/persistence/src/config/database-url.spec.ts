import { parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('defaults to a SQLite file named after the app under data/', () => {
    expect(parseDatabaseUrl(undefined, 'shop')).toEqual({
      dialect: 'sqlite',
      file: 'data/shop.sqlite',
    });
    expect(parseDatabaseUrl('', 'shop')).toEqual({ dialect: 'sqlite', file: 'data/shop.sqlite' });
  });

  it('reads a SQLite file or in-memory database', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/shop.db', 'shop')).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/shop.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:', 'shop')).toEqual({
      dialect: 'sqlite',
      file: ':memory:',
    });
  });

  it('selects PostgreSQL for postgres:// and postgresql:// URLs', () => {
    const url = 'postgresql://shop:secret@127.0.0.1:5432/shop';
    expect(parseDatabaseUrl(url, 'shop')).toEqual({ dialect: 'postgresql', url });
    expect(parseDatabaseUrl('postgres://db/shop', 'shop').dialect).toBe('postgresql');
  });

  it('rejects any other scheme, naming the variable', () => {
    expect(() => parseDatabaseUrl('mysql://db/shop', 'shop')).toThrow(
      'DATABASE_URL must start with sqlite: or postgres:// (got "mysql://db/shop")',
    );
  });
});
