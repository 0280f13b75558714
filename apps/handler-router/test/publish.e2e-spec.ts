import type { EventEnvelope } from '@app/envelope';
import { createTestApp } from '@app/platform/testing/create-test-app';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
} from '@app/transport';
import { uniqueName, waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { HandlerRouterModule } from '../src/handler-router.module';
import { type AuditRow, auditRows } from './audit-log.client';

describe('handler-router: POST /events/:topic publishes any registered event (e2e)', () => {
  let app: INestApplication;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(HandlerRouterModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
  });

  afterAll(() => app.close());

  const auditFor = (eventId: string): Promise<AuditRow[]> => auditRows(app, { eventId });

  async function auditedOnce(eventId: string): Promise<AuditRow> {
    await waitFor(async () => (await auditFor(eventId)).length > 0);
    const rows = await auditFor(eventId);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  it("publishes the seed's CLAIM_ADDED: 202 with the event id, and the seed's audit entry", async () => {
    const value = { userId: 7, data: { id: 3, roleId: 2 } };

    const { body } = await api()
      .post('/events/role_events')
      .send({ event: 'CLAIM_ADDED', value })
      .expect(202);

    expect(body).toEqual({
      id: expect.any(String),
      topic: 'role_events',
      event: 'CLAIM_ADDED',
      key: '2',
    });
    expect(await auditedOnce(body.id)).toMatchObject({
      action: 'OTHER',
      userId: '7',
      entityName: 'Roles',
      description: 'Claim added with ID: 3 to Role ID: 2',
      newValue: value,
      topic: 'role_events',
      eventType: 'CLAIM_ADDED',
    });
  });

  it('publishes with the key and id given; the same id sent again is audited once', async () => {
    const id = '0b7f3c2e-5d4a-4e1b-9c8d-7a6b5c4d3e2f';
    const send = () =>
      api()
        .post('/events/user_events')
        .send({ event: 'USER_CREATED', value: { userId: 'ops', data: { id: 41 } }, key: 'k', id })
        .expect(202);

    const { body } = await send();
    await send();

    expect(body).toEqual({ id, topic: 'user_events', event: 'USER_CREATED', key: 'k' });
    expect(await auditedOnce(id)).toMatchObject({
      action: 'CREATE',
      description: 'User created with ID: 41',
    });
  });

  describe('refuses what the router would not route: 400 naming the field, nothing published', () => {
    const seen: EventEnvelope[] = [];
    const closing: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      for (const topic of ['role_events', 'user_events']) {
        const subscription = await app
          .get<EventSubscriber>(EVENT_SUBSCRIBER)
          .subscribe(topic, async (event) => void seen.push(event), { group: uniqueName('t') });
        closing.push(() => subscription.close());
      }
    });

    afterAll(async () => {
      // A good event after all the bad ones: once it is seen, any bad one would have been.
      const { body } = await api()
        .post('/events/role_events')
        .send({ event: 'ROLE_CREATED', value: { userId: 1, data: { id: 'sentinel' } } })
        .expect(202);
      await waitFor(() => seen.some((event) => event.id === body.id));
      expect(seen.map((event) => event.id)).toEqual([body.id]);
      await Promise.all(closing.map((close) => close()));
    });

    const claim = { userId: 7, data: { id: 3, roleId: 2 } };

    it.each([
      [
        'a topic that breaks the naming rules',
        'RoleEvents',
        { event: 'CLAIM_ADDED', value: claim },
        [
          {
            field: 'topic',
            reason: expect.stringMatching(/"RoleEvents" must be lower_snake.*role_events/),
          },
        ],
      ],
      [
        'a topic without handlers',
        'audit_events',
        { event: 'CLAIM_ADDED', value: claim },
        [
          {
            field: 'topic',
            reason: '"audit_events" has no handlers; must be one of: role_events, user_events',
          },
        ],
      ],
      [
        'a dead-letter topic',
        'role_events.dlq',
        { event: 'CLAIM_ADDED', value: claim },
        [{ field: 'topic', reason: expect.stringContaining('has no handlers') }],
      ],
      [
        'an event that breaks the naming rules',
        'role_events',
        { event: 'claimAdded', value: claim },
        [{ field: 'event', reason: expect.stringMatching(/UPPER_SNAKE.*CLAIM_ADDED/) }],
      ],
      [
        'an event without a handler on the topic',
        'role_events',
        { event: 'USER_CREATED', value: claim },
        [
          {
            field: 'event',
            reason:
              '"USER_CREATED" has no handler on role_events; must be one of: CLAIM_ADDED, ' +
              'CLAIM_REMOVED, ROLE_CREATED, ROLE_DELETED, ROLE_UPDATED',
          },
        ],
      ],
      [
        'no event',
        'role_events',
        { value: claim },
        [{ field: 'event', reason: 'must be a string' }],
      ],
      [
        'a value that is no JSON object',
        'role_events',
        { event: 'CLAIM_ADDED', value: [claim] },
        [{ field: 'value', reason: 'must be a JSON object' }],
      ],
      [
        'a value without userId and data',
        'user_events',
        { event: 'USER_CREATED', value: { id: 3 } },
        [
          {
            field: 'value.userId',
            reason: 'must be a number or a non-empty string of at most 255 characters',
          },
          { field: 'value.data', reason: 'must be an object' },
        ],
      ],
      [
        'a CLAIM_ADDED without the roleId its handler needs',
        'role_events',
        { event: 'CLAIM_ADDED', value: { userId: 7, data: { id: 3 } } },
        [{ field: 'value.data.roleId', reason: 'should not be null or undefined' }],
      ],
      [
        'an id that is no UUID',
        'role_events',
        { event: 'CLAIM_ADDED', value: claim, id: 'one' },
        [{ field: 'id', reason: 'must be a UUID' }],
      ],
      [
        'a property the endpoint does not have',
        'role_events',
        { event: 'CLAIM_ADDED', value: claim, partition: 3 },
        [{ field: 'partition', reason: 'should not exist' }],
      ],
    ])('%s', async (_, topic, body, violations) => {
      const { body: answer } = await api().post(`/events/${topic}`).send(body).expect(400);

      expect(answer).toMatchObject({ statusCode: 400, violations });
    });
  });

  it('answers 503 when the bus refuses the event; sent again with its id, it is audited once', async () => {
    const publisher = app.get<EventPublisher>(EVENT_PUBLISHER);
    const publish = jest
      .spyOn(publisher, 'publish')
      .mockRejectedValueOnce(new Error('the bus is down'));
    const id = 'f1e2d3c4-b5a6-4978-8a6b-5c4d3e2f1a0b';
    try {
      const { body } = await api()
        .post('/events/user_events')
        .send({ event: 'USER_DELETED', value: { userId: 1, data: { id: 9 } }, id })
        .expect(503);

      expect(body.message).toMatch(/did not accept the event; nothing was published/);
    } finally {
      publish.mockRestore();
    }
    // Sent again with the same id once the bus is back: published and audited once.
    await api()
      .post('/events/user_events')
      .send({ event: 'USER_DELETED', value: { userId: 1, data: { id: 9 } }, id })
      .expect(202);
    expect(await auditedOnce(id)).toMatchObject({ eventType: 'USER_DELETED' });
  });
});
