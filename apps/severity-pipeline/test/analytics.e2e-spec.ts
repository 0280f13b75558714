import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { UsersService } from '../src/auth/users/users.service';
import type { EventStatus } from '../src/events/event-status';
import { EventsRepository } from '../src/events/events.repository';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

const ADMIN = { username: 'analyst', password: 'correct horse battery' };
const BASE = Date.parse('2026-01-01T10:00:00Z');
const MINUTE = 60_000;

describe('severity-pipeline: analytics over GraphQL (e2e, embedded)', () => {
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp(SeverityPipelineModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
    await app.get(UsersService).create({ ...ADMIN, role: 'admin' });
    const { body } = await request(app.getHttpServer()).post('/api/token/').send(ADMIN).expect(200);
    token = (body as { access: string }).access;
    // Events at known times, some processed after known delays.
    const events = app.get(EventsRepository);
    const rows: [EventStatus, string, number, number | null][] = [
      ['info', 'api', 0, 100],
      ['warning', 'api', 0.5, 200],
      ['error', 'db', 1.2, 300],
      ['error', 'db', 1.5, 400],
      ['error', 'api', 2.1, null],
    ];
    for (const [i, [status, source, minutes, latencyMs]] of rows.entries()) {
      const createdAt = new Date(BASE + minutes * MINUTE);
      await events.insert({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        title: `${status} ${i}`,
        message: 'm',
        status,
        source,
        createdAt,
        dispatchedAt: createdAt,
        processedAt: latencyMs === null ? null : new Date(createdAt.getTime() + latencyMs),
        processedBy: latencyMs === null ? null : 'test',
        attempts: latencyMs === null ? 0 : 1,
      });
    }
  });

  afterAll(() => app.close());

  async function query<T>(
    source: string,
    withToken = true,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
    const call = request(app.getHttpServer()).post('/graphql').send({ query: source });
    if (withToken) call.set('Authorization', `Bearer ${token}`);
    const { body } = await call.expect(200);
    return body as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }

  const window = `from: "2026-01-01T10:00:00Z", to: "2026-01-01T10:03:00Z"`;

  it('counts events by status and source in a time window', async () => {
    const { data } = await query(
      `{ eventCounts(${window}) { total byStatus { key count } bySource { key count } } }`,
    );

    expect(data).toEqual({
      eventCounts: {
        total: 5,
        byStatus: [
          { key: 'info', count: 1 },
          { key: 'warning', count: 1 },
          { key: 'error', count: 3 },
        ],
        bySource: [
          { key: 'api', count: 3 },
          { key: 'db', count: 2 },
        ],
      },
    });
  });

  it('gives a per-minute series with every minute present', async () => {
    const { data } = await query<{ eventSeries: unknown[] }>(
      `{ eventSeries(${window}, interval: MINUTE) { bucket info warning error total } }`,
    );

    expect(data!.eventSeries).toEqual([
      { bucket: '2026-01-01T10:00:00.000Z', info: 1, warning: 1, error: 0, total: 2 },
      { bucket: '2026-01-01T10:01:00.000Z', info: 0, warning: 0, error: 2, total: 2 },
      { bucket: '2026-01-01T10:02:00.000Z', info: 0, warning: 0, error: 1, total: 1 },
    ]);
  });

  it('lists the latest errors and the processing latency percentiles', async () => {
    const { data } = await query<{ latestErrors: { title: string }[]; processingLatency: unknown }>(
      `{ latestErrors(limit: 2) { title status } processingLatency(${window}) { count p50Ms p99Ms maxMs } }`,
    );

    expect(data!.latestErrors.map((event) => event.title)).toEqual(['error 4', 'error 3']);
    expect(data!.processingLatency).toEqual({ count: 4, p50Ms: 200, p99Ms: 400, maxMs: 400 });
  });

  it('names the bad argument, and refuses a caller without a token', async () => {
    const backwards = await query(
      `{ eventCounts(from: "2026-01-01T11:00:00Z", to: "2026-01-01T10:00:00Z") { total } }`,
    );
    const anonymous = await query('{ eventCounts { total } }', false);

    expect(backwards.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', violations: [{ field: 'from' }] },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
