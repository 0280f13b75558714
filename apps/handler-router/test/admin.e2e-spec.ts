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

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('handler-router: the admin API emits an event per change, audited once (e2e)', () => {
  let app: INestApplication;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(HandlerRouterModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
  });

  afterAll(() => app.close());

  /** A user id of its own per case, so a case reads only the audit rows it caused. */
  const newActor = () => uniqueName('admin');

  const auditOf = (userId: string, eventType?: string): Promise<AuditRow[]> =>
    auditRows(app, { userId, eventType });

  /** Waits for the (one) audit row of `eventType` caused by `userId`, then checks it is one. */
  async function auditedOnce(userId: string, eventType: string): Promise<AuditRow> {
    await waitFor(async () => (await auditOf(userId, eventType)).length > 0, {
      message: `an audit row for ${eventType} by ${userId}`,
    });
    const rows = await auditOf(userId, eventType);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function createUser(actor: string, username = uniqueName('ada')) {
    const { body } = await api()
      .post('/admin/users')
      .set('X-User-Id', actor)
      .send({ username, email: `${username}@example.com` })
      .expect(201);
    return body as { id: string; username: string; email: string };
  }

  async function createRole(actor: string, name = uniqueName('role')) {
    const { body } = await api()
      .post('/admin/roles')
      .set('X-User-Id', actor)
      .send({ name })
      .expect(201);
    return body as { id: string; name: string };
  }

  /** Reads `topic` as a group of its own, from now on: what the admin API publishes. */
  async function listen(topic: string): Promise<{ seen: EventEnvelope[]; close(): Promise<void> }> {
    const seen: EventEnvelope[] = [];
    const subscription = await app
      .get<EventSubscriber>(EVENT_SUBSCRIBER)
      .subscribe(topic, async (event) => void seen.push(event), { group: uniqueName('test') });
    return { seen, close: () => subscription.close() };
  }

  describe('users', () => {
    it('creates a user: 201, USER_CREATED with the acting user, one CREATE row', async () => {
      const actor = newActor();

      const user = await createUser(actor, 'ada.lovelace');

      expect(user).toMatchObject({ username: 'ada.lovelace', email: 'ada.lovelace@example.com' });
      expect(await auditedOnce(actor, 'USER_CREATED')).toMatchObject({
        action: 'CREATE',
        entityName: 'Users',
        description: `User created with ID: ${user.id}`,
        userId: actor,
        topic: 'user_events',
        newValue: {
          userId: actor,
          data: { id: user.id, username: 'ada.lovelace', email: 'ada.lovelace@example.com' },
        },
      });
      const { body: stored } = await api().get(`/admin/users/${user.id}`).expect(200);
      expect(stored).toEqual(user);
    });

    it('updates a user: 200 with the change, USER_UPDATED, one UPDATE row', async () => {
      const actor = newActor();
      const user = await createUser(actor);

      const { body } = await api()
        .patch(`/admin/users/${user.id}`)
        .set('X-User-Id', actor)
        .send({ email: 'new@example.com' })
        .expect(200);

      expect(body).toMatchObject({
        id: user.id,
        username: user.username,
        email: 'new@example.com',
      });
      expect(await auditedOnce(actor, 'USER_UPDATED')).toMatchObject({
        action: 'UPDATE',
        entityName: 'Users',
        description: `User updated with ID: ${user.id}`,
        newValue: {
          userId: actor,
          data: { id: user.id, username: user.username, email: 'new@example.com' },
        },
      });
      const stored = await api().get(`/admin/users/${user.id}`).expect(200);
      expect(stored.body.email).toBe('new@example.com');
    });

    it('deletes a user: 204, USER_DELETED with the user as it was, one DELETE row', async () => {
      const actor = newActor();
      const user = await createUser(actor);

      await api().delete(`/admin/users/${user.id}`).set('X-User-Id', actor).expect(204);

      expect(await auditedOnce(actor, 'USER_DELETED')).toMatchObject({
        action: 'DELETE',
        entityName: 'Users',
        description: `User deleted with ID: ${user.id}`,
        newValue: {
          userId: actor,
          data: { id: user.id, username: user.username, email: user.email },
        },
      });
      await api().get(`/admin/users/${user.id}`).expect(404);
    });

    it('lists users, oldest first, paginated', async () => {
      const actor = newActor();
      const first = await createUser(actor);
      const second = await createUser(actor);

      const { body } = await api().get('/admin/users').query({ limit: 1000 }).expect(200);
      const ids = (body.items as { id: string }[]).map((user) => user.id);

      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
      expect(body.totalCount).toBeGreaterThanOrEqual(2);
      const page = await api().get('/admin/users').query({ limit: 1, offset: 0 }).expect(200);
      expect(page.body.items).toHaveLength(1);
    });
  });

  describe('roles and claims', () => {
    it('creates a role: 201, ROLE_CREATED, one CREATE row', async () => {
      const actor = newActor();

      const role = await createRole(actor, 'auditors');

      expect(await auditedOnce(actor, 'ROLE_CREATED')).toMatchObject({
        action: 'CREATE',
        entityName: 'Roles',
        description: `Role created with ID: ${role.id}`,
        topic: 'role_events',
        newValue: { userId: actor, data: { id: role.id, name: 'auditors' } },
      });
    });

    it('renames a role: 200, ROLE_UPDATED, one UPDATE row', async () => {
      const actor = newActor();
      const role = await createRole(actor);

      const { body } = await api()
        .patch(`/admin/roles/${role.id}`)
        .set('X-User-Id', actor)
        .send({ name: `${role.name}_renamed` })
        .expect(200);

      expect(body).toMatchObject({ id: role.id, name: `${role.name}_renamed` });
      expect(await auditedOnce(actor, 'ROLE_UPDATED')).toMatchObject({
        action: 'UPDATE',
        description: `Role updated with ID: ${role.id}`,
        newValue: { userId: actor, data: { id: role.id, name: `${role.name}_renamed` } },
      });
    });

    it("adds a claim: 201, CLAIM_ADDED with the seed's value, the seed's audit entry", async () => {
      const actor = newActor();
      const role = await createRole(actor);

      const { body: claim } = await api()
        .post(`/admin/roles/${role.id}/claims`)
        .set('X-User-Id', actor)
        .send({ name: 'users:write' })
        .expect(201);

      expect(claim).toMatchObject({ roleId: role.id, name: 'users:write' });
      expect(await auditedOnce(actor, 'CLAIM_ADDED')).toMatchObject({
        action: 'OTHER',
        entityName: 'Roles',
        description: `Claim added with ID: ${claim.id} to Role ID: ${role.id}`,
        newValue: { userId: actor, data: { id: claim.id, roleId: role.id, name: 'users:write' } },
      });
      const { body: stored } = await api().get(`/admin/roles/${role.id}`).expect(200);
      expect(stored.claims).toEqual([expect.objectContaining({ id: claim.id })]);
    });

    it('removes a claim: 204, CLAIM_REMOVED, one OTHER row', async () => {
      const actor = newActor();
      const role = await createRole(actor);
      const { body: claim } = await api()
        .post(`/admin/roles/${role.id}/claims`)
        .send({ name: 'users:read' })
        .expect(201);

      await api()
        .delete(`/admin/roles/${role.id}/claims/${claim.id}`)
        .set('X-User-Id', actor)
        .expect(204);

      expect(await auditedOnce(actor, 'CLAIM_REMOVED')).toMatchObject({
        action: 'OTHER',
        description: `Claim removed with ID: ${claim.id} from Role ID: ${role.id}`,
        newValue: { userId: actor, data: { id: claim.id, roleId: role.id } },
      });
      const { body: stored } = await api().get(`/admin/roles/${role.id}`).expect(200);
      expect(stored.claims).toEqual([]);
    });

    it('deletes a role with its claims: 204, ROLE_DELETED only, one DELETE row', async () => {
      const actor = newActor();
      const role = await createRole(actor);
      await api().post(`/admin/roles/${role.id}/claims`).send({ name: 'a' }).expect(201);

      await api().delete(`/admin/roles/${role.id}`).set('X-User-Id', actor).expect(204);

      expect(await auditedOnce(actor, 'ROLE_DELETED')).toMatchObject({
        action: 'DELETE',
        description: `Role deleted with ID: ${role.id}`,
        newValue: { userId: actor, data: { id: role.id, name: role.name } },
      });
      expect((await auditOf(actor)).map((row) => row.eventType).sort()).toEqual([
        'ROLE_CREATED',
        'ROLE_DELETED',
      ]);
      await api().get(`/admin/roles/${role.id}`).expect(404);
    });

    it("publishes one role's events in order, keyed by the role, as CloudEvents", async () => {
      const listener = await listen('role_events');
      try {
        const role = await createRole(newActor());
        await api()
          .patch(`/admin/roles/${role.id}`)
          .send({ name: uniqueName('r') })
          .expect(200);
        const { body: claim } = await api()
          .post(`/admin/roles/${role.id}/claims`)
          .send({ name: 'x' })
          .expect(201);
        await api().delete(`/admin/roles/${role.id}/claims/${claim.id}`).expect(204);
        await api().delete(`/admin/roles/${role.id}`).expect(204);

        const ofRole = () => listener.seen.filter((event) => event.partitionkey === role.id);
        await waitFor(() => ofRole().length === 5);
        expect(ofRole().map((event) => event.type)).toEqual([
          'ROLE_CREATED',
          'ROLE_UPDATED',
          'CLAIM_ADDED',
          'CLAIM_REMOVED',
          'ROLE_DELETED',
        ]);
        for (const event of ofRole()) {
          expect(event).toMatchObject({
            specversion: '1.0',
            source: '/handler-router',
            subject: role.id,
          });
        }
      } finally {
        await listener.close();
      }
    });
  });

  describe('the acting user', () => {
    it('is "system" when the request has no X-User-Id header', async () => {
      const { body: role } = await api()
        .post('/admin/roles')
        .send({ name: uniqueName('r') });

      await waitFor(async () =>
        (await auditOf('system', 'ROLE_CREATED')).some(
          (row) => (row.newValue as { data: { id: string } }).data.id === role.id,
        ),
      );
    });

    it.each([
      ['empty', ' ', 'must not be empty'],
      ['too long', 'x'.repeat(256), 'must be at most 255 characters'],
    ])('answers 400 for an X-User-Id that is %s, and writes nothing', async (_, header, reason) => {
      const name = uniqueName('r');

      const { body } = await api()
        .post('/admin/roles')
        .set('X-User-Id', header)
        .send({ name })
        .expect(400);

      expect(body.violations).toEqual([{ field: 'X-User-Id', reason }]);
      const { body: roles } = await api().get('/admin/roles').query({ limit: 1000 }).expect(200);
      expect(roles.items).not.toContainEqual(expect.objectContaining({ name }));
    });
  });

  describe('bad input: 400 naming the field, 404, 409; nothing written, nothing emitted', () => {
    /**
     * Runs the bad requests as `actor`, then one good one, and waits for the good one's audit
     * row: events are audited in order, so by then any event of the bad ones would be too.
     */
    async function expectOnlyTheSentinelAudited(actor: string): Promise<void> {
      await createRole(actor);
      await auditedOnce(actor, 'ROLE_CREATED');
      expect(await auditOf(actor)).toHaveLength(1);
    }

    it.each([
      [
        'a username with spaces and no e-mail address',
        { username: 'ada lovelace', email: 'nope' },
        [
          { field: 'username', reason: 'may contain only letters, digits and @ . + - _' },
          { field: 'email', reason: 'must be an e-mail address' },
        ],
      ],
      [
        'missing fields',
        {},
        [
          { field: 'username', reason: 'must be a string' },
          { field: 'email', reason: 'must be a string' },
        ],
      ],
      [
        'an empty username (spaces only)',
        { username: '   ', email: 'a@example.com' },
        [{ field: 'username', reason: 'should not be empty' }],
      ],
      [
        'a property the API does not have',
        { username: 'bob', email: 'bob@example.com', admin: true },
        [{ field: 'admin', reason: 'should not exist' }],
      ],
    ])('POST /admin/users with %s: 400', async (_, user, violations) => {
      const actor = newActor();

      const { body } = await api()
        .post('/admin/users')
        .set('X-User-Id', actor)
        .send(user)
        .expect(400);

      expect(body).toMatchObject({ statusCode: 400, violations });
      await expectOnlyTheSentinelAudited(actor);
    });

    it('PATCH /admin/users/:id: 400 for no change or a bad id, 404 for no such user', async () => {
      const actor = newActor();
      const user = await createUser(newActor());

      const empty = await api()
        .patch(`/admin/users/${user.id}`)
        .set('X-User-Id', actor)
        .send({})
        .expect(400);
      const badId = await api()
        .patch('/admin/users/42')
        .set('X-User-Id', actor)
        .send({ email: 'a@example.com' })
        .expect(400);
      const missing = await api()
        .patch(`/admin/users/${MISSING_ID}`)
        .set('X-User-Id', actor)
        .send({ email: 'a@example.com' })
        .expect(404);

      expect(empty.body.violations).toEqual([
        { field: '(body)', reason: 'must change at least one of: username, email' },
      ]);
      expect(badId.body.violations).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
      expect(missing.body.message).toBe(`user ${MISSING_ID} does not exist`);
      await expectOnlyTheSentinelAudited(actor);
    });

    it('DELETE a user, role or claim that does not exist: 404', async () => {
      const actor = newActor();
      const role = await createRole(newActor());

      for (const path of [
        `/admin/users/${MISSING_ID}`,
        `/admin/roles/${MISSING_ID}`,
        `/admin/roles/${MISSING_ID}/claims/${MISSING_ID}`,
        `/admin/roles/${role.id}/claims/${MISSING_ID}`,
      ]) {
        await api().delete(path).set('X-User-Id', actor).expect(404);
      }
      await api()
        .post(`/admin/roles/${MISSING_ID}/claims`)
        .set('X-User-Id', actor)
        .send({ name: 'users:write' })
        .expect(404);
      await expectOnlyTheSentinelAudited(actor);
    });

    it('a taken username, role name or claim name: 409 naming the field', async () => {
      const actor = newActor();
      const user = await createUser(newActor());
      const other = await createUser(newActor());
      const role = await createRole(newActor());
      await api().post(`/admin/roles/${role.id}/claims`).send({ name: 'a' }).expect(201);

      const taken = await api()
        .post('/admin/users')
        .set('X-User-Id', actor)
        .send({ username: user.username, email: 'x@example.com' })
        .expect(409);
      await api()
        .patch(`/admin/users/${other.id}`)
        .set('X-User-Id', actor)
        .send({ username: user.username })
        .expect(409);
      const roleTaken = await api()
        .post('/admin/roles')
        .set('X-User-Id', actor)
        .send({ name: role.name })
        .expect(409);
      const claimTaken = await api()
        .post(`/admin/roles/${role.id}/claims`)
        .set('X-User-Id', actor)
        .send({ name: 'a' })
        .expect(409);

      expect(taken.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `user with username "${user.username}" already exists`,
        field: 'username',
      });
      expect(roleTaken.body.field).toBe('name');
      expect(claimTaken.body.message).toBe('claim with name "a" already exists');
      const { body: stored } = await api().get(`/admin/users/${other.id}`).expect(200);
      expect(stored.username).toBe(other.username);
      await expectOnlyTheSentinelAudited(actor);
    });

    it('one username created by many requests at once: one 201, 409 for the rest', async () => {
      const actor = newActor();
      const username = uniqueName('race');

      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          api()
            .post('/admin/users')
            .set('X-User-Id', actor)
            .send({ username, email: `${username}@example.com` }),
        ),
      );

      expect(answers.map((answer) => answer.status).sort((a, b) => a - b)).toEqual([
        201, 409, 409, 409, 409, 409, 409, 409,
      ]);
      await auditedOnce(actor, 'USER_CREATED');
    });
  });

  describe('the outbox', () => {
    it('keeps a committed change whose event the bus refused, and publishes it later', async () => {
      const publisher = app.get<EventPublisher>(EVENT_PUBLISHER);
      const publish = jest
        .spyOn(publisher, 'publish')
        .mockRejectedValueOnce(new Error('the bus is down'));
      const actor = newActor();
      try {
        const user = await createUser(actor);

        await api().get(`/admin/users/${user.id}`).expect(200);
        expect(publish).toHaveBeenCalled();
        const row = await auditedOnce(actor, 'USER_CREATED');
        expect(row.description).toBe(`User created with ID: ${user.id}`);
      } finally {
        publish.mockRestore();
      }
    });
  });
});
