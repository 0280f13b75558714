import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@app/envelope';
import { AppProcess } from '@app/platform/testing/app-process';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { requireService } from '@app/platform/testing/require-service';
import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import { kcat, kcatHeaderArgs, kcatHeaders, kcatRead, waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Events } from '../src/events/events.enum';
import { Topics } from '../src/events/topics.enum';
import { HandlerRouterModule } from '../src/handler-router.module';

const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DATABASE_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://events:events@127.0.0.1:5432/events';
/** A SIGKILLed member keeps its partitions until Kafka's session timeout (30 s) drops it. */
const RECOVERY_MS = 90_000;
const run = randomUUID().slice(0, 8);

describe('handler-router on Kafka + PostgreSQL (API in-process, two routers as processes)', () => {
  const env = { KAFKA_BROKERS, DATABASE_URL, LOG_LEVEL: 'warn' };
  const routers = [1, 2].map(() => new AppProcess('handler-router', { ...env, ROLE: 'router' }));
  let api: INestApplication;

  beforeAll(async () => {
    await requireService('kafka', KAFKA_BROKERS);
    await requireService('postgres', DATABASE_URL);
    api = await createTestApp(HandlerRouterModule.forRole('api'), env);
    await Promise.all(routers.map((router) => router.start()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(routers.map((router) => router.stop()));
    await api?.close();
  }, 60_000);

  async function audit(query: Record<string, string>) {
    const { body } = await request(api.getHttpServer())
      .get('/audit-log')
      .query({ first: '1000', ...query })
      .expect(200);
    return body as { items: Record<string, string>[]; totalCount: number };
  }

  it("audits a CLAIM_ADDED produced with kcat with exactly the seed's entry", async () => {
    const id = randomUUID();
    const value = { userId: `kcat-${run}`, data: { id: 31, roleId: 4 } };

    const headers = {
      ce_specversion: '1.0',
      ce_id: id,
      ce_source: '/scripts/kcat',
      ce_type: 'CLAIM_ADDED',
      'content-type': 'application/json',
    };
    await kcat(
      KAFKA_BROKERS,
      ['-P', '-t', Topics.ROLE_EVENTS, '-k', 'role-4', ...kcatHeaderArgs(headers)],
      JSON.stringify(value),
    );

    await waitFor(async () => (await audit({ eventId: id })).totalCount > 0, { timeoutMs: 30_000 });
    expect((await audit({ eventId: id })).items).toEqual([
      expect.objectContaining({
        action: 'OTHER',
        userId: `kcat-${run}`,
        entityName: 'Roles',
        description: 'Claim added with ID: 31 to Role ID: 4',
        newValue: value,
        topic: 'role_events',
        eventType: 'CLAIM_ADDED',
      }),
    ]);
  }, 60_000);

  it('turns every admin operation into its event and exactly one audit row', async () => {
    const actor = `admin-${run}`;
    const http = () => request(api.getHttpServer());
    const user = await http()
      .post('/admin/users')
      .set('X-User-Id', actor)
      .send({ username: `ada-${run}`, email: `ada-${run}@example.com` })
      .expect(201);
    await http()
      .patch(`/admin/users/${user.body.id}`)
      .set('X-User-Id', actor)
      .send({ email: `ada.l-${run}@example.com` })
      .expect(200);
    await http().delete(`/admin/users/${user.body.id}`).set('X-User-Id', actor).expect(204);
    const role = await http()
      .post('/admin/roles')
      .set('X-User-Id', actor)
      .send({ name: `editors-${run}` })
      .expect(201);
    await http()
      .patch(`/admin/roles/${role.body.id}`)
      .set('X-User-Id', actor)
      .send({ name: `writers-${run}` })
      .expect(200);
    const claim = await http()
      .post(`/admin/roles/${role.body.id}/claims`)
      .set('X-User-Id', actor)
      .send({ name: 'posts:write' })
      .expect(201);
    await http()
      .delete(`/admin/roles/${role.body.id}/claims/${claim.body.id}`)
      .set('X-User-Id', actor)
      .expect(204);
    await http().delete(`/admin/roles/${role.body.id}`).set('X-User-Id', actor).expect(204);

    await waitFor(async () => (await audit({ userId: actor })).totalCount >= 8, {
      timeoutMs: 30_000,
    });
    const rows = (await audit({ userId: actor })).items;
    expect(rows.map((row) => `${row.eventType} ${row.action} ${row.entityName}`).sort()).toEqual([
      'CLAIM_ADDED OTHER Roles',
      'CLAIM_REMOVED OTHER Roles',
      'ROLE_CREATED CREATE Roles',
      'ROLE_DELETED DELETE Roles',
      'ROLE_UPDATED UPDATE Roles',
      'USER_CREATED CREATE Users',
      'USER_DELETED DELETE Users',
      'USER_UPDATED UPDATE Users',
    ]);
    expect(rows.find((row) => row.eventType === 'CLAIM_ADDED')).toMatchObject({
      description: `Claim added with ID: ${claim.body.id} to Role ID: ${role.body.id}`,
    });
  }, 60_000);

  it('skips an event nobody handles and dead-letters a value its handler cannot use', async () => {
    const publisher = api.get<EventPublisher>(EVENT_PUBLISHER);
    const unknown = createEnvelope({
      type: 'USER_PROMOTED',
      source: '/test',
      data: { userId: `unknown-${run}`, data: { id: 1 } },
    });
    const broken = createEnvelope({
      type: Events.CLAIM_ADDED,
      source: '/test',
      data: { userId: `broken-${run}`, data: { id: 1 } },
    });
    const after = createEnvelope({
      type: Events.ROLE_CREATED,
      source: '/test',
      subject: 'role-after',
      data: { userId: `after-${run}`, data: { id: 2 } },
    });

    await publisher.publish(Topics.USER_EVENTS, unknown);
    await publisher.publish(Topics.ROLE_EVENTS, [broken, after]);

    await waitFor(async () => (await audit({ userId: `after-${run}` })).totalCount === 1, {
      timeoutMs: 30_000,
    });
    let deadLetter: Record<string, string> | undefined;
    await waitFor(
      async () => {
        const found = (await kcatRead(KAFKA_BROKERS, `${Topics.ROLE_EVENTS}.dlq`)).find(
          (message) => kcatHeaders(message).ce_id === broken.id,
        );
        deadLetter = found && kcatHeaders(found);
        return deadLetter !== undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(deadLetter).toMatchObject({
      ce_dlqhandler: 'ClaimAddedHandler',
      ce_dlqerror: expect.stringContaining('data.roleId'),
    });
    expect((await audit({ userId: `broken-${run}` })).totalCount).toBe(0);
    expect((await audit({ userId: `unknown-${run}` })).totalCount).toBe(0);
  }, 60_000);

  it(
    'audits 1,000 events exactly once across two routers of one group, one SIGKILLed midway',
    async () => {
      const userId = `bulk-${run}`;
      const publisher = api.get<EventPublisher>(EVENT_PUBLISHER);
      const publish = async (from: number, to: number) => {
        for (let i = from; i < to; i += 100) {
          const users = Array.from({ length: 50 }, (_, n) =>
            createEnvelope({
              type: Events.USER_CREATED,
              source: '/test',
              subject: `user-${i + n}`,
              data: { userId, data: { id: i + n } },
            }),
          );
          const roles = Array.from({ length: 50 }, (_, n) =>
            createEnvelope({
              type: Events.ROLE_CREATED,
              source: '/test',
              subject: `role-${i + n}`,
              data: { userId, data: { id: i + n } },
            }),
          );
          await publisher.publish(Topics.USER_EVENTS, users);
          await publisher.publish(Topics.ROLE_EVENTS, roles);
        }
      };

      await publish(0, 500);
      await waitFor(async () => (await audit({ userId })).totalCount > 0, { timeoutMs: 30_000 });
      await routers[0].stop('SIGKILL');
      await publish(500, 1000);

      await waitFor(async () => (await audit({ userId })).totalCount >= 1000, {
        timeoutMs: RECOVERY_MS,
        intervalMs: 500,
        message: `1,000 audit rows (surviving router's log:\n${routers[1].log})`,
      });
      const users = await audit({ userId, eventType: 'USER_CREATED' });
      const roles = await audit({ userId, eventType: 'ROLE_CREATED' });
      expect([users.totalCount, roles.totalCount]).toEqual([500, 500]);
      const eventIds = [...users.items, ...roles.items].map((row) => row.eventId);
      expect(new Set(eventIds).size).toBe(1000);
    },
    RECOVERY_MS + 60_000,
  );
});
