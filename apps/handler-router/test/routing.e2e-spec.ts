import { createEnvelope, type EventEnvelope } from '@app/envelope';
import { createTestApp } from '@app/platform/testing/create-test-app';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
} from '@app/transport';
import { type EventHandler, OnEvent } from '@app/transport/routing';
import { waitFor } from '@app/transport/testing';
import { Injectable, type INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { HandlerRouterModule } from '../src/handler-router.module';
import { type AuditRow, auditRows } from './audit-log.client';

/** A handler that always fails: the router must retry it, then dead-letter the event. */
@Injectable()
@OnEvent('role_events', 'ROLE_EXPLODED')
class ExplodingHandler implements EventHandler {
  calls = 0;

  execute(): void {
    this.calls++;
    throw new Error('the role exploded');
  }
}

@Module({ imports: [HandlerRouterModule.forRole('all')], providers: [ExplodingHandler] })
class TestModule {}

describe('handler-router: routing and the audit log (e2e, embedded default)', () => {
  let app: INestApplication;
  let publisher: EventPublisher;

  beforeAll(async () => {
    app = await createTestApp(TestModule, { DATABASE_URL: 'sqlite::memory:' });
    publisher = app.get<EventPublisher>(EVENT_PUBLISHER);
  });

  afterAll(() => app.close());

  const event = (type: string, data: unknown, id?: string) =>
    createEnvelope({ id, type, source: '/test', data });

  const auditFor = (eventId: string): Promise<AuditRow[]> => auditRows(app, { eventId });

  async function waitForAudit(eventId: string): Promise<AuditRow[]> {
    await waitFor(async () => (await auditFor(eventId)).length > 0);
    return auditFor(eventId);
  }

  it("writes exactly the seed's entry for CLAIM_ADDED", async () => {
    const value = { userId: 7, data: { id: 3, roleId: 2 } };
    const claimAdded = event('CLAIM_ADDED', value);

    await publisher.publish('role_events', claimAdded);

    expect(await waitForAudit(claimAdded.id)).toEqual([
      expect.objectContaining({
        action: 'OTHER',
        userId: '7',
        entityName: 'Roles',
        description: 'Claim added with ID: 3 to Role ID: 2',
        newValue: value,
        topic: 'role_events',
        eventType: 'CLAIM_ADDED',
      }),
    ]);
  });

  it.each([
    ['user_events', 'USER_CREATED', 'CREATE', 'Users', 'User created with ID: 5'],
    ['user_events', 'USER_UPDATED', 'UPDATE', 'Users', 'User updated with ID: 5'],
    ['user_events', 'USER_DELETED', 'DELETE', 'Users', 'User deleted with ID: 5'],
    ['role_events', 'ROLE_CREATED', 'CREATE', 'Roles', 'Role created with ID: 5'],
    ['role_events', 'ROLE_UPDATED', 'UPDATE', 'Roles', 'Role updated with ID: 5'],
    ['role_events', 'ROLE_DELETED', 'DELETE', 'Roles', 'Role deleted with ID: 5'],
  ])(
    'routes (%s, %s) to its handler: %s on %s',
    async (topic, type, action, entityName, description) => {
      const routed = event(type, { userId: 'admin', data: { id: 5 } });

      await publisher.publish(topic, routed);

      expect(await waitForAudit(routed.id)).toEqual([
        expect.objectContaining({
          action,
          entityName,
          description,
          userId: 'admin',
          eventType: type,
        }),
      ]);
    },
  );

  it('writes one audit row per event, however often the event is delivered', async () => {
    const duplicated = event('CLAIM_REMOVED', { userId: 1, data: { id: 9, roleId: 4 } });
    const after = event('ROLE_CREATED', { userId: 1, data: { id: 10 } });

    await publisher.publish('role_events', [duplicated, duplicated]);
    await publisher.publish('role_events', duplicated);
    await publisher.publish('role_events', after);

    await waitForAudit(after.id);
    expect(await auditFor(duplicated.id)).toHaveLength(1);
  });

  it('counts and logs an event nobody handles, and goes on with the next one', async () => {
    const unknown = event('USER_PROMOTED', { userId: 1, data: { id: 1 } });
    const next = event('USER_CREATED', { userId: 1, data: { id: 11 } }, undefined);

    await publisher.publish('user_events', [unknown, next]);

    await waitForAudit(next.id);
    const { body } = await request(app.getHttpServer()).get('/handlers').expect(200);
    expect(body.unrouted).toContainEqual({ topic: 'user_events', type: 'USER_PROMOTED', count: 1 });
    expect(await auditFor(unknown.id)).toEqual([]);
  });

  it('retries a throwing handler, then dead-letters the event with the error', async () => {
    const deadLetters: EventEnvelope[] = [];
    const subscription = await app
      .get<EventSubscriber>(EVENT_SUBSCRIBER)
      .subscribe('role_events.dlq', async (dead) => void deadLetters.push(dead), {
        group: 'test-dlq',
      });
    const exploding = event('ROLE_EXPLODED', { userId: 1, data: { id: 12 } });
    const next = event('ROLE_CREATED', { userId: 1, data: { id: 13 } });

    await publisher.publish('role_events', [exploding, next]);

    await waitFor(() => deadLetters.some((dead) => dead.id === exploding.id));
    expect(app.get(ExplodingHandler).calls).toBe(3);
    expect(deadLetters.find((dead) => dead.id === exploding.id)).toMatchObject({
      dlqerror: 'the role exploded',
      dlqhandler: 'ExplodingHandler',
      dlqattempts: 3,
      dlqtopic: 'role_events',
    });
    await waitForAudit(next.id);
    expect(await auditFor(exploding.id)).toEqual([]);
    await subscription.close();
  });

  it('dead-letters a value without the fields its handler needs, naming the field', async () => {
    const deadLetters: EventEnvelope[] = [];
    const subscription = await app
      .get<EventSubscriber>(EVENT_SUBSCRIBER)
      .subscribe('role_events.dlq', async (dead) => void deadLetters.push(dead), {
        group: 'test-dlq-2',
      });
    const broken = event('CLAIM_ADDED', { userId: 1, data: { id: 3 } });

    await publisher.publish('role_events', broken);

    await waitFor(() => deadLetters.some((dead) => dead.id === broken.id));
    expect(deadLetters.find((dead) => dead.id === broken.id)).toMatchObject({
      dlqerror: expect.stringContaining('data.roleId: should not be null or undefined'),
      dlqattempts: 1,
    });
    await subscription.close();
  });
});
