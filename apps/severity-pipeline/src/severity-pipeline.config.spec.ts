import { ConfigValidationError, validateConfig } from '@app/platform';
import {
  databaseUrlFromParts,
  DEVELOPMENT_SECRET_KEY,
  SeverityPipelineConfig,
} from './severity-pipeline.config';

const config = (env: Record<string, string>) => validateConfig(SeverityPipelineConfig, env);

function refusal(env: Record<string, string>): string {
  try {
    config(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

const SEED_ENV = {
  DB_NAME: 'eventosdb',
  DB_USER: 'postgres',
  DB_PASSWORD: 'postgres',
  DB_HOST: 'localhost',
  DB_PORT: '5432',
};

describe('SeverityPipelineConfig', () => {
  it('runs on port 3003, SQLite and the development secret when nothing is set', () => {
    expect(config({})).toMatchObject({
      PORT: 3003,
      DATABASE_URL: undefined,
      SECRET_KEY: DEVELOPMENT_SECRET_KEY,
      ACCESS_TOKEN_LIFETIME: '5m',
      REFRESH_TOKEN_LIFETIME: '1d',
    });
  });

  describe("the seed's DB_* variables", () => {
    it('become the PostgreSQL DATABASE_URL', () => {
      expect(config(SEED_ENV).DATABASE_URL).toBe(
        'postgres://postgres:postgres@localhost:5432/eventosdb',
      );
    });

    it('are URL-encoded, so any password works', () => {
      expect(
        config({ ...SEED_ENV, DB_USER: 'ops@corp', DB_PASSWORD: 'p@ss:w/rd#1 %' }).DATABASE_URL,
      ).toBe('postgres://ops%40corp:p%40ss%3Aw%2Frd%231%20%25@localhost:5432/eventosdb');
    });

    it('default to localhost:5432 and name no user when only DB_NAME is set', () => {
      expect(config({ DB_NAME: 'eventosdb' }).DATABASE_URL).toBe(
        'postgres://localhost:5432/eventosdb',
      );
    });

    it('put an IPv6 host in brackets', () => {
      expect(databaseUrlFromParts({ DB_NAME: 'db', DB_HOST: '::1' })).toBe(
        'postgres://[::1]:5432/db',
      );
    });

    it('give way to DATABASE_URL when both are set', () => {
      expect(config({ ...SEED_ENV, DATABASE_URL: 'sqlite::memory:' }).DATABASE_URL).toBe(
        'sqlite::memory:',
      );
    });

    it('are ignored without DB_NAME', () => {
      expect(config({ DB_USER: 'postgres', DB_HOST: 'db' }).DATABASE_URL).toBeUndefined();
    });

    it('refuse a port that is not a number, naming it', () => {
      expect(refusal({ ...SEED_ENV, DB_PORT: 'five' })).toBe(
        'Invalid configuration: DB_PORT must be an integer number (got "five")',
      );
    });
  });

  describe('SECRET_KEY in production', () => {
    const strong = 'a3f1c9e07b5d2468ace13579bdf02468';

    it.each([
      ['the development default', {}],
      ['a short secret', { SECRET_KEY: 'chave_secreta' }],
    ])('refuses %s in one line that does not print the secret', (_, env) => {
      const message = refusal({ NODE_ENV: 'production', ...env });

      expect(message).toBe(
        'Invalid configuration: NODE_ENV=production needs SECRET_KEY set to a random secret of ' +
          'at least 32 characters (the development default is refused) (got "production")',
      );
      expect(message).not.toContain('chave_secreta');
    });

    it('accepts a secret of 32 characters or more', () => {
      expect(config({ NODE_ENV: 'production', SECRET_KEY: strong }).SECRET_KEY).toBe(strong);
    });

    it('lets development and tests use the default or any non-empty secret', () => {
      expect(() => config({ NODE_ENV: 'development' })).not.toThrow();
      expect(() => config({ NODE_ENV: 'test', SECRET_KEY: 'chave_secreta' })).not.toThrow();
      expect(refusal({ SECRET_KEY: '' })).toContain('SECRET_KEY should not be empty');
    });
  });

  it.each(['300', '90s', '5m', '12h', '1d'])('accepts a token lifetime of %s', (lifetime) => {
    expect(() => config({ ACCESS_TOKEN_LIFETIME: lifetime })).not.toThrow();
  });

  it.each(['0', '5 min', '-1', '1w', ''])('refuses a token lifetime of %j', (lifetime) => {
    expect(refusal({ REFRESH_TOKEN_LIFETIME: lifetime })).toContain(
      'REFRESH_TOKEN_LIFETIME must be seconds or a duration like 3600, 12h, 1d',
    );
  });
});
