import { randomUUID } from 'node:crypto';
import { AppProcess } from '@app/platform/testing/app-process';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { requireService } from '@app/platform/testing/require-service';
import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { UsersService } from '../src/auth/users/users.service';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';
import { startSmtpServer } from './smtp-sink';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://events:events@127.0.0.1:5432/events';
/** BullMQ hands a dead worker's job to another once its lock (30 s) lapses and a check runs. */
const RECOVERY_MS = 120_000;
const run = randomUUID().slice(0, 8);
const ADMIN = { username: `admin-${run}`, password: 'correct horse battery' };

interface EventView {
  id: string;
  status: string;
  processedAt: string | null;
  processedBy: string | null;
}

describe('severity-pipeline on Redis (BullMQ) + PostgreSQL + SMTP: API in-process, two worker processes', () => {
  let api: INestApplication;
  let token: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let workers: AppProcess[];
  const http = () => request(api.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    await requireService('redis', REDIS_URL);
    await requireService('postgres', DATABASE_URL);
    // A slow SMTP server: each alert keeps its job active for a moment, so a worker can be
    // killed in the middle of one.
    smtp = await startSmtpServer({ delayMs: 400 });
    const env = {
      REDIS_URL,
      DATABASE_URL,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: `ops-${run}@example.com`,
      LOG_LEVEL: 'warn',
    };
    api = await createTestApp(SeverityPipelineModule.forRole('api'), env);
    workers = [1, 2].map(() => new AppProcess('severity-pipeline', { ...env, ROLE: 'worker' }));
    await Promise.all(workers.map((worker) => worker.start()));
    await api.get(UsersService).create({ ...ADMIN, role: 'admin' });
    const { body } = await http().post('/api/token/').send(ADMIN).expect(200);
    token = (body as { access: string }).access;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await api?.close();
    await smtp?.close();
  }, 60_000);

  async function create(status: string, title = `${status} ${run}`): Promise<string> {
    const { body } = await http()
      .post('/api/events')
      .set(auth())
      .send({ title, message: `run ${run}`, status, source: `it-${run}` })
      .expect(201);
    return (body as { id: string }).id;
  }

  async function event(id: string): Promise<EventView> {
    const { body } = await http().get(`/api/events/${id}`).set(auth()).expect(200);
    return body as EventView;
  }

  const mailsFor = (id: string) =>
    smtp.received.filter((mail) => (mail.mail.text ?? '').includes(id));

  it('processes an error event by the error worker, one e-mail arrives; a warning by the warning worker only; an info by neither', async () => {
    const [error, warning, info] = [
      await create('error'),
      await create('warning'),
      await create('info'),
    ];

    await waitFor(
      async () =>
        (await Promise.all([error, warning, info].map(event))).every((e) => e.processedAt),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    expect((await event(error)).processedBy).toMatch(/^error-worker@/);
    expect((await event(warning)).processedBy).toMatch(/^warning-worker@/);
    expect((await event(info)).processedBy).toMatch(/^dispatcher@/);
    await waitFor(() => mailsFor(error).length > 0, { timeoutMs: 10_000 });
    expect(mailsFor(error)).toHaveLength(1);
    expect(mailsFor(error)[0].envelope.to).toEqual([`ops-${run}@example.com`]);
    expect(mailsFor(warning)).toEqual([]);
    expect(mailsFor(info)).toEqual([]);
  }, 60_000);

  it('answers 401 without a token or with a bad one', async () => {
    await http().get('/api/events').expect(401);
    await http().get('/api/events').set('Authorization', 'Bearer not.a.token').expect(401);
  });

  it('shares one queue between the worker processes', async () => {
    // Each worker runs at most 10 error jobs at once and the SMTP server is slow: 30 events
    // cannot all go to one of them.
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await create('error', `shared ${i} ${run}`));

    await waitFor(async () => (await Promise.all(ids.map(event))).every((e) => e.processedAt), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    const processedBy = new Set((await Promise.all(ids.map(event))).map((e) => e.processedBy));
    expect(processedBy.size).toBe(2);
  }, 90_000);

  it(
    'loses no job when a worker process is SIGKILLed mid-job',
    async () => {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push(await create('error', `killed ${i} ${run}`));
      // Both workers are mailing (each runs up to 10 error jobs at once); kill the first.
      const mailed = smtp.received.length;
      await waitFor(() => smtp.received.length > mailed, { timeoutMs: 30_000 });
      await workers[0].stop('SIGKILL');

      await waitFor(
        async () => (await Promise.all(ids.map(event))).every((e) => e.processedAt !== null),
        { timeoutMs: RECOVERY_MS, intervalMs: 1000, message: 'every error event processed' },
      );
      for (const id of ids) expect(mailsFor(id).length).toBeGreaterThanOrEqual(1);
    },
    RECOVERY_MS + 60_000,
  );
});
