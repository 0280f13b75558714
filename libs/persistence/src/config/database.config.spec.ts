import { validateConfig } from '@app/platform';
import { DatabaseConfig } from './database.config';

describe('DatabaseConfig', () => {
  it('leaves DATABASE_URL unset for the embedded default', () => {
    expect(validateConfig(DatabaseConfig, {}).DATABASE_URL).toBeUndefined();
  });

  it.each(['sqlite:data/x.sqlite', 'sqlite::memory:', 'postgres://u:p@localhost:5432/db'])(
    'accepts %s',
    (url) => {
      expect(validateConfig(DatabaseConfig, { DATABASE_URL: url }).DATABASE_URL).toBe(url);
    },
  );

  it('rejects an unsupported URL with the forms it accepts', () => {
    expect(() =>
      validateConfig(DatabaseConfig, { DATABASE_URL: 'mongodb://localhost/db' }),
    ).toThrow(
      /DATABASE_URL must be sqlite:<file> \(or sqlite::memory:\) or postgres:\/\/.* \(got "mongodb:\/\/localhost\/db"\)/,
    );
  });
});
