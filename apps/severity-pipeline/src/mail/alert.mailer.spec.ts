import { validateConfig } from '@app/platform';
import { SeverityPipelineConfig } from '../severity-pipeline.config';
import { AlertMailer } from './alert.mailer';
import type { ErrorAlertEvent } from './error-alert.mail';
import type { Mailer } from './mailer.port';
import type { SentMail } from './sent-mail.entity';
import type { SentMailRepository } from './sent-mail.repository';

const event: ErrorAlertEvent = {
  id: '5f0c6f7e-2f59-4d8a-9c1e-2b7a41c0d9e3',
  title: 'Payment gateway timeout',
  message: 'POST /charge was cancelled',
  source: 'billing',
  createdAt: new Date('2026-11-23T10:15:30.250Z'),
};

const ALERT_ID = '<error-alert.5f0c6f7e-2f59-4d8a-9c1e-2b7a41c0d9e3@example.com>';

describe('AlertMailer.sendErrorAlert', () => {
  let send: jest.MockedFunction<Mailer['send']>;
  let findByMessageId: jest.MockedFunction<SentMailRepository['findByMessageId']>;
  let alerts: AlertMailer;

  beforeEach(() => {
    send = jest.fn((message) => Promise.resolve({ messageId: message.messageId! }));
    findByMessageId = jest.fn((_messageId: string) => Promise.resolve(null));
    const mailer: Mailer = { send };
    // Only what AlertMailer uses; a call to anything else fails the test.
    const sentMail = { findByMessageId } satisfies Partial<SentMailRepository>;
    const config = validateConfig(SeverityPipelineConfig, {
      MAIL_FROM: 'Severity Pipeline <alerts@example.com>',
      ALERT_EMAIL_TO: 'oncall@example.com',
    });
    alerts = new AlertMailer(mailer, sentMail as unknown as SentMailRepository, config);
  });

  it('mails the error to ALERT_EMAIL_TO under a Message-ID made of the event id', async () => {
    await expect(alerts.sendErrorAlert(event)).resolves.toEqual({
      messageId: ALERT_ID,
      alreadySent: false,
    });

    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({
      to: 'oncall@example.com',
      subject: '[severity-pipeline] ERROR: Payment gateway timeout (billing)',
      text: expect.stringContaining('Event id: 5f0c6f7e-2f59-4d8a-9c1e-2b7a41c0d9e3') as string,
      messageId: ALERT_ID,
    });
  });

  it('sends nothing for an event whose alert is in sent_mail already (a retried job)', async () => {
    findByMessageId.mockResolvedValue({ messageId: ALERT_ID } as SentMail);

    await expect(alerts.sendErrorAlert(event)).resolves.toEqual({
      messageId: ALERT_ID,
      alreadySent: true,
    });
    expect(findByMessageId).toHaveBeenCalledWith(ALERT_ID);
    expect(send).not.toHaveBeenCalled();
  });

  it('lets a failed send fail the job, so the queue retries it', async () => {
    send.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:25'));

    await expect(alerts.sendErrorAlert(event)).rejects.toThrow('ECONNREFUSED');
  });
});
