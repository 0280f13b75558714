import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { UsersService } from '../src/auth/users/users.service';
import { AlertMailer } from '../src/mail/alert.mailer';
import type { ErrorAlertEvent } from '../src/mail/error-alert.mail';
import { MailDeliveryError } from '../src/mail/mail-delivery.error';
import { MAILER, type Mailer } from '../src/mail/mailer.port';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';
import { startSmtpServer } from './smtp-sink';

const READER = { username: 'mail-reader', password: 'reads the alerts' };

/** A port nothing listens on (taken from the OS, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The way a user reads the mail: an account, a token from `POST /api/token/`. */
async function readerToken(app: INestApplication): Promise<string> {
  await app.get(UsersService).create({ ...READER, role: 'admin' });
  const { body } = await request(app.getHttpServer()).post('/api/token/').send(READER).expect(200);
  return (body as { access: string }).access;
}

function errorEvent(overrides: Partial<ErrorAlertEvent> = {}): ErrorAlertEvent {
  return {
    id: crypto.randomUUID(),
    title: 'Payment gateway timeout',
    message: 'POST /charge took 30 s and was cancelled\n  at charge (billing.js:10)',
    source: 'billing',
    createdAt: new Date('2026-11-23T10:15:30.250Z'),
    ...overrides,
  };
}

interface MailView {
  id: string;
  messageId: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  sentAt: string;
  transport: string;
}

describe('severity-pipeline mail over SMTP (e2e, an SMTP server in process)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp(SeverityPipelineModule, {
      DATABASE_URL: 'sqlite::memory:',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Severity Pipeline <alerts@example.com>',
      ALERT_EMAIL_TO: 'oncall@example.com',
    });
    token = await readerToken(app);
  });

  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('delivers an error alert: from, to, subject and body arrive as sent', async () => {
    const event = errorEvent();

    const receipt = await app.get(AlertMailer).sendErrorAlert(event);

    expect(receipt).toEqual({
      messageId: `<error-alert.${event.id}@example.com>`,
      alreadySent: false,
    });
    const arrived = smtp.received.filter(({ mail }) => mail.messageId === receipt.messageId);
    expect(arrived).toHaveLength(1);
    const [{ envelope, user, mail }] = arrived;
    expect(envelope).toEqual({ from: 'alerts@example.com', to: ['oncall@example.com'] });
    expect(user).toBe('alerts');
    expect(mail.from?.value).toEqual([
      { name: 'Severity Pipeline', address: 'alerts@example.com' },
    ]);
    expect(mail.to).toMatchObject({ value: [{ address: 'oncall@example.com' }] });
    expect(mail.subject).toBe('[severity-pipeline] ERROR: Payment gateway timeout (billing)');
    expect(mail.text).toContain('Title:    Payment gateway timeout');
    expect(mail.text).toContain('Source:   billing');
    expect(mail.text).toContain('Created:  2026-11-23T10:15:30.250Z');
    expect(mail.text).toContain(`Event id: ${event.id}`);
    expect(mail.text).toContain(
      'Message:\n  POST /charge took 30 s and was cancelled\n    at charge (billing.js:10)\n',
    );
  });

  it('sends one alert per event, however often the job that sends it runs', async () => {
    const event = errorEvent({ title: 'Sent once' });
    const alerts = app.get(AlertMailer);

    await alerts.sendErrorAlert(event);
    await expect(alerts.sendErrorAlert(event)).resolves.toMatchObject({ alreadySent: true });

    expect(smtp.received.filter(({ mail }) => mail.subject?.includes('Sent once'))).toHaveLength(1);
  });

  it('lists what it sent in GET /api/mail, transport smtp', async () => {
    const event = errorEvent({ title: 'Listed too' });
    const { messageId } = await app.get(AlertMailer).sendErrorAlert(event);

    const { body } = await request(app.getHttpServer())
      .get('/api/mail')
      .auth(token, { type: 'bearer' })
      .expect(200);

    const listed = (body as { items: MailView[] }).items.find((m) => m.messageId === messageId);
    expect(listed).toMatchObject({
      to: 'oncall@example.com',
      from: 'Severity Pipeline <alerts@example.com>',
      subject: '[severity-pipeline] ERROR: Listed too (billing)',
      transport: 'smtp',
    });
    expect(listed?.text).toContain(`Event id: ${event.id}`);
  });

  it('fails with a permanent MailDeliveryError when the server refuses the recipient', async () => {
    const sending = app
      .get<Mailer>(MAILER)
      .send({ to: 'nobody@example.com', subject: 'Hello', text: 'Anyone there?' });

    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('nobody@example.com') as string,
    });
  });

  it('is ready when the SMTP server greets it and takes its login: /health/ready says smtp up', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);

    expect(body).toMatchObject({ status: 'ok', info: { smtp: { status: 'up' } } });
  });
});

describe('severity-pipeline mail, SMTP server unreachable (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(SeverityPipelineModule, {
      DATABASE_URL: 'sqlite::memory:',
      SMTP_URL: `smtp://alerts:s3cret@127.0.0.1:${await closedPort()}`,
    });
  });

  afterAll(() => app.close());

  it('answers /health/ready with 503 naming smtp', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(503);

    expect(body).toMatchObject({
      status: 'error',
      error: { smtp: { status: 'down' } },
      info: { database: { status: 'up' } },
    });
  });

  it('fails a send, not permanently: the job is retried', async () => {
    const sending = app.get(AlertMailer).sendErrorAlert(errorEvent());

    await expect(sending).rejects.toMatchObject({ name: 'MailDeliveryError', permanent: false });
  });
});

describe('severity-pipeline mailbox, the default transport (e2e)', () => {
  let app: INestApplication;
  let token: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    // Empty, as in a .env copied from the example: the mailbox.
    app = await createTestApp(SeverityPipelineModule, {
      DATABASE_URL: 'sqlite::memory:',
      SMTP_URL: '',
      MAIL_FROM: 'severity-pipeline@localhost',
      ALERT_EMAIL_TO: 'ops@localhost',
    });
    token = await readerToken(app);
  });

  afterAll(() => app.close());

  it('has no smtp check on /health/ready', async () => {
    const { body } = await api().get('/health/ready').expect(200);

    expect(body).toMatchObject({ info: { database: { status: 'up' } } });
    expect(body).not.toHaveProperty('info.smtp');
  });

  it('keeps an alert where GET /api/mail shows it', async () => {
    const event = errorEvent({ title: 'Kept in the mailbox' });

    const { messageId } = await app.get(AlertMailer).sendErrorAlert(event);

    const { body } = await api().get('/api/mail').auth(token, { type: 'bearer' }).expect(200);
    const page = body as { items: MailView[]; total: number; limit: number; offset: number };
    expect(page).toMatchObject({ limit: 50, offset: 0 });
    expect(page.items[0]).toMatchObject({
      messageId,
      to: 'ops@localhost',
      from: 'severity-pipeline@localhost',
      subject: '[severity-pipeline] ERROR: Kept in the mailbox (billing)',
      transport: 'mailbox',
    });
    expect(page.items[0].text).toContain(`Event id: ${event.id}`);
    expect(new Date(page.items[0].sentAt).getTime()).not.toBeNaN();
  });

  it('lists newest first, page by page', async () => {
    const mailer = app.get<Mailer>(MAILER);
    for (const n of [1, 2, 3]) {
      await mailer.send({ to: 'ops@localhost', subject: `page test ${n}`, text: `mail ${n}` });
    }

    const page = async (query: object) =>
      (await api().get('/api/mail').query(query).auth(token, { type: 'bearer' }).expect(200))
        .body as { items: MailView[]; total: number };
    const first = await page({ limit: 2 });
    const second = await page({ limit: 2, offset: 2 });

    expect(first.items.map((m) => m.subject)).toEqual(['page test 3', 'page test 2']);
    expect(second.items[0].subject).toBe('page test 1');
    expect(first.total).toBe(second.total);
    expect(first.total).toBeGreaterThanOrEqual(3);
  });

  it('shows one mail by id, 404 for an unknown one, 400 for a bad id or page', async () => {
    const { messageId } = await app
      .get<Mailer>(MAILER)
      .send({ to: 'ops@localhost', subject: 'by id', text: 'one mail' });
    const { body } = await api().get('/api/mail').auth(token, { type: 'bearer' }).expect(200);
    const { id } = (body as { items: MailView[] }).items.find((m) => m.messageId === messageId)!;

    await api()
      .get(`/api/mail/${id}`)
      .auth(token, { type: 'bearer' })
      .expect(200)
      .expect(({ body: mail }) => expect(mail).toMatchObject({ subject: 'by id' }));
    await api().get(`/api/mail/${crypto.randomUUID()}`).auth(token, { type: 'bearer' }).expect(404);
    await api().get('/api/mail/not-a-uuid').auth(token, { type: 'bearer' }).expect(400);
    await api().get('/api/mail?limit=0').auth(token, { type: 'bearer' }).expect(400);
  });

  it('is behind the API guard: no token, 401', async () => {
    await api().get('/api/mail').expect(401);
  });
});
