import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsUrl } from 'class-validator';

/**
 * The rules of the mail settings, applied to SeverityPipelineConfig's `SMTP_URL`, `MAIL_FROM`
 * and `ALERT_EMAIL_TO`; kept here, beside what reads them.
 */

export const DEFAULT_MAIL_FROM = 'severity-pipeline@localhost';
export const DEFAULT_ALERT_EMAIL_TO = 'ops@localhost';

/**
 * `smtp://user:password@host:587` (STARTTLS when the server offers it) or
 * `smtps://user:password@host:465` (TLS from the start). Unset or empty (`SMTP_URL=` in a
 * `.env` copied from the example) selects the mailbox.
 */
export function SmtpUrlSetting(): PropertyDecorator {
  const blankIsUnset = ({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() === '' ? undefined : value;
  return applyDecorators(
    Transform(blankIsUnset, { toClassOnly: true }),
    IsOptional(),
    IsUrl(
      { protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false },
      {
        message:
          'SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465 ' +
          '(unset: mail is kept in the database and listed by GET /api/mail)',
      },
    ),
  );
}

/** An address as a mail header takes it: `ops@example.com` or `Ops <ops@example.com>`. */
export function MailAddressSetting(): PropertyDecorator {
  return IsEmail(
    { require_tld: false, allow_display_name: true },
    {
      message: ({ property }) =>
        `${property} must be an e-mail address like ops@example.com or "Ops <ops@example.com>"`,
    },
  );
}
