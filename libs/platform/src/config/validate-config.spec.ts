import { IsUrl, Matches } from 'class-validator';
import { AppConfig } from './app.config';
import { ConfigValidationError } from './config-validation.error';
import { validateConfig } from './validate-config';

class ExampleConfig extends AppConfig {
  override PORT = 3001;

  @IsUrl({ require_tld: false })
  CALLBACK_URL: string = 'http://localhost:9000';
}

function problemsOf(env: Record<string, string>): string {
  try {
    validateConfig(ExampleConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('validateConfig', () => {
  it('applies the app defaults when nothing is set', () => {
    const config = validateConfig(ExampleConfig, {});
    expect(config).toBeInstanceOf(ExampleConfig);
    expect(config).toMatchObject({
      PORT: 3001,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'auto',
    });
  });

  it('converts environment strings to the declared types', () => {
    expect(validateConfig(ExampleConfig, { PORT: '4100', LOG_LEVEL: 'debug' })).toMatchObject({
      PORT: 4100,
      LOG_LEVEL: 'debug',
    });
  });

  it('ignores variables that are not settings', () => {
    expect(() => validateConfig(ExampleConfig, { PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });

  it('names the variable, the rule and the value it got', () => {
    expect(problemsOf({ PORT: '70000' })).toBe(
      'Invalid configuration: PORT must not be greater than 65535 (got "70000")',
    );
  });

  it('rejects a port that is not a number', () => {
    expect(problemsOf({ PORT: 'http' })).toMatch(
      /^Invalid configuration: PORT must be an integer number/,
    );
  });

  it('lists the allowed values of an enumerated setting', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toContain(
      'LOG_LEVEL must be one of the following values: fatal, error, warn, log, debug, verbose (got "loud")',
    );
  });

  it('reports every wrong variable on one line', () => {
    const message = problemsOf({ PORT: '0', LOG_FORMAT: 'xml', CALLBACK_URL: 'not a url' });
    expect(message).not.toContain('\n');
    expect(message).toMatch(/PORT must not be less than 1 \(got "0"\)/);
    expect(message).toMatch(
      /LOG_FORMAT must be one of the following values: auto, json, text \(got "xml"\)/,
    );
    expect(message).toMatch(/CALLBACK_URL must be a URL address \(got "not a url"\)/);
  });

  it('never prints the password of a rejected URL', () => {
    class UrlConfig {
      @Matches(/^postgres:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
      DATABASE_URL!: string;
    }

    expect(() =>
      validateConfig(UrlConfig, { DATABASE_URL: 'mysql://app:s3cret@db:3306/x' }),
    ).toThrow('DATABASE_URL must be a postgres:// URL (got "mysql://app:***@db:3306/x")');
  });
});
