import { DatabaseConfig } from '@app/persistence';
import {
  DEFAULT_ALERT_EMAIL_TO,
  DEFAULT_MAIL_FROM,
  MailAddressSetting,
  SmtpUrlSetting,
} from './mail/mail.settings';

/** severity-pipeline's settings: the shared ones (README, "Configuration") with its own port. */
export class SeverityPipelineConfig extends DatabaseConfig {
  override PORT = 3003;

  /**
   * Unset: mail is kept in the database and listed by `GET /api/mail`. Set
   * (`smtp://user:password@host:587`, `smtps://...:465`): mail is sent through that server.
   */
  @SmtpUrlSetting()
  SMTP_URL?: string;

  /** The sender of the app's mail. */
  @MailAddressSetting()
  MAIL_FROM: string = DEFAULT_MAIL_FROM;

  /** Where the error worker sends its alerts. */
  @MailAddressSetting()
  ALERT_EMAIL_TO: string = DEFAULT_ALERT_EMAIL_TO;
}
