import { freePort } from '@app/platform/testing/app-process';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { JOB_QUEUE, type JobQueue } from '@app/transport';
import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { UsersService } from '../src/auth/users/users.service';
import { DISPATCH_QUEUE } from '../src/dispatch/queues';
import { EventsRepository } from '../src/events/events.repository';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

const ADMIN = { username: 'admin', password: 'correct horse battery' };

interface EventView {
  id: string;
  title: string;
  status: string;
  source: string;
  processedAt: string | null;
  processedBy: string | null;
  attempts: number;
}

describe('severity-pipeline: events through dispatch to the severity workers (e2e, embedded)', () => {
  let app: INestApplication;
  let token: string;
  const http = () => request(app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const port = await freePort();
    app = await createTestApp(SeverityPipelineModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
      PORT: String(port),
      GENERATOR_URL: `http://127.0.0.1:${port}`,
      GENERATOR_USERNAME: ADMIN.username,
      GENERATOR_PASSWORD: ADMIN.password,
    });
    await app.listen(port, '127.0.0.1');
    await app.get(UsersService).create({ ...ADMIN, role: 'admin' });
    const { body } = await http().post('/api/token/').send(ADMIN).expect(200);
    token = (body as { access: string }).access;
  });

  afterAll(() => app.close());

  async function create(status: string): Promise<EventView> {
    const { body } = await http()
      .post('/api/events')
      .set(auth())
      .send({ title: `A ${status}`, message: 'disk almost full', status, source: 'db-1' })
      .expect(201);
    return body as EventView;
  }

  async function processed(id: string): Promise<EventView> {
    let event: EventView | undefined;
    await waitFor(async () => {
      const { body } = await http().get(`/api/events/${id}`).set(auth()).expect(200);
      event = body as EventView;
      return event.processedAt !== null;
    });
    return event!;
  }

  async function mailFor(id: string): Promise<{ to: string; subject: string; text: string }[]> {
    const { body } = await http().get('/api/mail').set(auth()).expect(200);
    const items = (body as { items: { to: string; subject: string; text: string }[] }).items;
    return items.filter((mail) => mail.text.includes(id));
  }

  it('processes an error event by the error worker, which mails one alert', async () => {
    const event = await create('error');

    expect(await processed(event.id)).toMatchObject({
      processedBy: expect.stringMatching(/^error-worker@/),
      attempts: 1,
    });
    await waitFor(async () => (await mailFor(event.id)).length > 0);
    expect(await mailFor(event.id)).toEqual([
      expect.objectContaining({ to: 'ops@localhost', subject: expect.stringContaining('A error') }),
    ]);
  });

  it('processes a warning event by the warning worker only, with no mail', async () => {
    const event = await create('warning');

    expect(await processed(event.id)).toMatchObject({
      processedBy: expect.stringMatching(/^warning-worker@/),
    });
    expect(await mailFor(event.id)).toEqual([]);
  });

  it('routes an info event to neither worker: the dispatcher records it', async () => {
    const event = await create('info');

    expect(await processed(event.id)).toMatchObject({
      processedBy: expect.stringMatching(/^dispatcher@/),
    });
    expect(await mailFor(event.id)).toEqual([]);
  });

  it('lists events newest first, filtered by status, source and time, paginated', async () => {
    const before = new Date().toISOString();
    await create('error');
    await create('warning');

    const { body } = await http()
      .get('/api/events')
      .query({ status: 'warning', source: 'db-1', from: before, limit: 5 })
      .set(auth())
      .expect(200);

    expect(body).toMatchObject({ total: 1, limit: 5, offset: 0 });
    expect((body as { items: EventView[] }).items.map((event) => event.status)).toEqual([
      'warning',
    ]);
  });

  it('answers 400 naming the field for bad input, and 401 without a token', async () => {
    const { body } = await http()
      .post('/api/events')
      .set(auth())
      .send({ title: 'x', message: 'y', status: 'fatal', source: 'z' })
      .expect(400);
    expect(body).toMatchObject({
      violations: [{ field: 'status', reason: 'must be one of: info, warning, error' }],
    });
    await http().get('/api/events').expect(401);
    await http().get('/api/queues').expect(401);
  });

  it('keeps a job that keeps failing as failed with its reason, and retries it from the API', async () => {
    const jobs = app.get<JobQueue>(JOB_QUEUE);
    const id = '6f0e1d3c-0a55-4d8e-9a3c-5b2f4c7e9d10';
    const jobId = await jobs.add(DISPATCH_QUEUE, 'dispatch', { eventId: id }, { attempts: 1 });

    await waitFor(async () => {
      const { body } = await http().get(`/api/queues/${DISPATCH_QUEUE}/failed`).set(auth());
      return (body as { id: string }[]).some((job) => job.id === jobId);
    });
    const { body: failed } = await http().get(`/api/queues/${DISPATCH_QUEUE}/failed`).set(auth());
    expect(
      (failed as { id: string; failedReason: string }[]).find((job) => job.id === jobId),
    ).toMatchObject({
      failedReason: `event ${id} does not exist`,
    });
    const { body: queues } = await http().get('/api/queues').set(auth()).expect(200);
    expect(queues).toContainEqual(
      expect.objectContaining({ queue: DISPATCH_QUEUE, workedHere: true }),
    );
    expect(
      (queues as { queue: string; failed: number }[]).find((q) => q.queue === DISPATCH_QUEUE)!
        .failed,
    ).toBeGreaterThan(0);

    // The missing event turns up; the operator retries the job, and it goes through.
    await app.get(EventsRepository).insert({
      id,
      title: 'late',
      message: 'arrived late',
      status: 'info',
      source: 'db-1',
      createdAt: new Date(),
      dispatchedAt: null,
      processedAt: null,
      processedBy: null,
      attempts: 0,
    });
    await http()
      .post(`/api/queues/${DISPATCH_QUEUE}/failed/${jobId}/retry`)
      .set(auth())
      .expect(202);

    expect(await processed(id)).toMatchObject({
      processedBy: expect.stringMatching(/^dispatcher@/),
    });
    await http()
      .post(`/api/queues/${DISPATCH_QUEUE}/failed/${jobId}/retry`)
      .set(auth())
      .expect(404);
    await http().post('/api/queues/nope_queue/failed/1/retry').set(auth()).expect(400);
  });

  it("runs the generator through the API like the seed's DAG, and lists its runs", async () => {
    const { body: run } = await http().post('/api/generator/runs').set(auth()).expect(201);

    expect(run).toMatchObject({ outcome: 'created', eventId: expect.any(String) });
    const created = await processed((run as { eventId: string }).eventId);
    expect(created).toMatchObject({
      source: 'generator',
      status: (run as { status: string }).status,
    });
    const { body: runs } = await http().get('/api/generator/runs').set(auth()).expect(200);
    expect(runs).toContainEqual(expect.objectContaining({ id: (run as { id: string }).id }));
    const { body: paused } = await http().post('/api/generator/pause').set(auth()).expect(200);
    expect(paused).toMatchObject({ running: false });
    const { body: resumed } = await http().post('/api/generator/resume').set(auth()).expect(200);
    expect(resumed).toMatchObject({ running: true });
    await http().post('/api/generator/pause').set(auth()).expect(200);
  });
});
