import { ConfigValidationError, validateConfig } from '@app/platform';
import { SeverityPipelineConfig } from '../severity-pipeline.config';

function problemsOf(env: Record<string, string>): string {
  try {
    validateConfig(SeverityPipelineConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('mail settings (SMTP_URL, MAIL_FROM, ALERT_EMAIL_TO)', () => {
  it('keeps mail in the mailbox, from and to local addresses, when nothing is set', () => {
    const config = validateConfig(SeverityPipelineConfig, {});
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.MAIL_FROM).toBe('severity-pipeline@localhost');
    expect(config.ALERT_EMAIL_TO).toBe('ops@localhost');
  });

  it.each([
    'smtp://user:pass@smtp.example.com:587',
    'smtps://user:pass@smtp.example.com:465',
    'smtp://127.0.0.1:2525',
    'smtp://mailhog:1025',
    'smtp://user:pass@smtp.example.com:587?connectionTimeout=30000',
  ])('accepts SMTP_URL=%s', (url) => {
    expect(validateConfig(SeverityPipelineConfig, { SMTP_URL: url }).SMTP_URL).toBe(url);
  });

  it('reads an empty SMTP_URL (a .env copied from the example) as unset', () => {
    expect(validateConfig(SeverityPipelineConfig, { SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(validateConfig(SeverityPipelineConfig, { SMTP_URL: '  ' }).SMTP_URL).toBeUndefined();
  });

  it.each(['http://smtp.example.com', 'smtp.example.com:587', 'smtp://'])(
    'names SMTP_URL and its two forms when it is %s',
    (url) => {
      expect(problemsOf({ SMTP_URL: url })).toContain(
        'SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465',
      );
    },
  );

  it.each(['alerts@example.com', 'Alerts <alerts@example.com>', 'ops@localhost'])(
    'accepts the address %s',
    (address) => {
      const config = validateConfig(SeverityPipelineConfig, {
        MAIL_FROM: address,
        ALERT_EMAIL_TO: address,
      });
      expect(config).toMatchObject({ MAIL_FROM: address, ALERT_EMAIL_TO: address });
    },
  );

  it('names each variable that is not an address, on one line', () => {
    const message = problemsOf({ MAIL_FROM: 'alerts', ALERT_EMAIL_TO: 'ops at example.com' });
    expect(message).toContain(
      'MAIL_FROM must be an e-mail address like ops@example.com or "Ops <ops@example.com>" (got "alerts")',
    );
    expect(message).toContain('ALERT_EMAIL_TO must be an e-mail address');
    expect(message).not.toContain('\n');
  });
});
