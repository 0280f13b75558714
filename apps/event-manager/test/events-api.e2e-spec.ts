import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import { EventManagerModule } from '../src/event-manager.module';
import { graphql, ISO_8601_UTC } from './graphql-client';

const EVENT_FIELDS = 'uuid name source description createdAt updatedAt';

interface EventView {
  uuid: string;
  name: string;
  source: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Page {
  allEvents: {
    edges: { node: { name: string }; cursor: string }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    totalCount: number;
  };
}

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $source: String,
    $name: String, $nameContains: String, $newestFirst: Boolean) {
  allEvents(first: $first, after: $after, last: $last, before: $before, source: $source,
      name: $name, nameContains: $nameContains, newestFirst: $newestFirst) {
    edges { node { name } cursor }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;

describe('event-manager: GraphQL CRUD and bad input (e2e, embedded default)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(EventManagerModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
  });

  afterAll(() => app.close());

  async function create(name: string, source = 'users', description?: string): Promise<EventView> {
    const answer = await graphql<{ createEvent: { event: EventView } }>(
      app,
      `mutation($name: String!, $source: String!, $description: String) {
        createEvent(name: $name, source: $source, description: $description) { event { ${EVENT_FIELDS} } }
      }`,
      { name, source, description },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.createEvent.event;
  }

  async function page(variables: Record<string, unknown>): Promise<Page['allEvents']> {
    const answer = await graphql<Page>(app, PAGE, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data!.allEvents;
  }

  describe('CRUD', () => {
    it('reads an event by uuid with every field', async () => {
      const created = await create('Read me', 'products', 'a description');

      const answer = await graphql(app, `{ event(uuid: "${created.uuid}") { ${EVENT_FIELDS} } }`);

      expect(answer).toEqual({ data: { event: created } });
      expect(created.createdAt).toMatch(ISO_8601_UTC);
      expect(created.updatedAt).toBe(created.createdAt);
    });

    it('updates only the given fields and moves updatedAt forward', async () => {
      const created = await create('Before', 'users', 'kept');

      const answer = await graphql<{ updateEvent: { event: EventView } }>(
        app,
        `mutation { updateEvent(uuid: "${created.uuid}", name: "After") { event { ${EVENT_FIELDS} } } }`,
      );

      const updated = answer.data!.updateEvent.event;
      expect(updated).toMatchObject({
        uuid: created.uuid,
        name: 'After',
        source: 'users',
        description: 'kept',
        createdAt: created.createdAt,
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.createdAt));
    });

    it('deletes an event, after which it cannot be read', async () => {
      const created = await create('Delete me');

      const deleted = await graphql(
        app,
        `mutation { deleteEvent(uuid: "${created.uuid}") { success } }`,
      );
      const read = await graphql(app, `{ event(uuid: "${created.uuid}") { uuid } }`);

      expect(deleted).toEqual({ data: { deleteEvent: { success: true } } });
      expect(read.errors?.[0]).toMatchObject({
        message: `event ${created.uuid} does not exist`,
        extensions: { code: 'NOT_FOUND' },
      });
    });
  });

  describe('allEvents, a Relay connection', () => {
    const names = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e'];

    beforeAll(async () => {
      for (const name of names) await create(name, name === 'page-c' ? 'products' : 'users');
    });

    it('pages forwards with first/after in createdAt order, with pageInfo and totalCount', async () => {
      const first = await page({ first: 2, nameContains: 'PAGE-' });
      const second = await page({
        first: 2,
        after: first.pageInfo.endCursor,
        nameContains: 'page-',
      });
      const third = await page({
        first: 2,
        after: second.pageInfo.endCursor,
        nameContains: 'page-',
      });

      expect(first.edges.map((edge) => edge.node.name)).toEqual(['page-a', 'page-b']);
      expect(second.edges.map((edge) => edge.node.name)).toEqual(['page-c', 'page-d']);
      expect(third.edges.map((edge) => edge.node.name)).toEqual(['page-e']);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(third.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(first.pageInfo.startCursor).toBe(first.edges[0].cursor);
      expect([first, second, third].map((p) => p.totalCount)).toEqual([5, 5, 5]);
    });

    it('pages backwards with last/before', async () => {
      const last = await page({ last: 2, nameContains: 'page-' });
      const before = await page({
        last: 2,
        before: last.pageInfo.startCursor,
        nameContains: 'page-',
      });

      expect(last.edges.map((edge) => edge.node.name)).toEqual(['page-d', 'page-e']);
      expect(before.edges.map((edge) => edge.node.name)).toEqual(['page-b', 'page-c']);
      expect(last.pageInfo).toMatchObject({ hasPreviousPage: true });
    });

    it('filters by source and by exact name, and orders newest first on request', async () => {
      const products = await page({ source: 'products', nameContains: 'page-' });
      const exact = await page({ name: 'page-b' });
      const newest = await page({ first: 2, newestFirst: true, nameContains: 'page-' });

      expect(products.edges.map((edge) => edge.node.name)).toEqual(['page-c']);
      expect(products.totalCount).toBe(1);
      expect(exact.edges.map((edge) => edge.node.name)).toEqual(['page-b']);
      expect(newest.edges.map((edge) => edge.node.name)).toEqual(['page-e', 'page-d']);
    });

    it('treats % and _ in nameContains as plain characters', async () => {
      await create('100% sure');

      expect((await page({ nameContains: '0%' })).edges.map((e) => e.node.name)).toEqual([
        '100% sure',
      ]);
      expect((await page({ nameContains: 'page_' })).totalCount).toBe(0);
    });
  });

  describe('bad input: a GraphQL error naming the field and the reason, nothing written', () => {
    async function expectRejected(
      operation: string,
      field: string,
      reason: RegExp,
      code = 'BAD_USER_INPUT',
    ): Promise<void> {
      const before = (await page({})).totalCount;
      const answer = await graphql(app, operation);

      expect(answer.data ?? null).toBeNull();
      expect(answer.errors).toHaveLength(1);
      const [error] = answer.errors!;
      expect(error.extensions?.code).toBe(code);
      expect(error.message).toContain(field);
      if (code === 'BAD_USER_INPUT') {
        expect(error.extensions?.violations).toEqual([
          { field, reason: expect.stringMatching(reason) },
        ]);
      }
      expect((await page({})).totalCount).toBe(before);
    }

    it.each([
      [
        'an unknown source',
        'createEvent(name: "x", source: "orders")',
        'source',
        /one of: users, products/,
      ],
      ['an empty name', 'createEvent(name: "", source: "users")', 'name', /should not be empty/],
      ['a blank name', 'createEvent(name: "   ", source: "users")', 'name', /should not be empty/],
      [
        'an over-long name',
        `createEvent(name: "${'n'.repeat(256)}", source: "users")`,
        'name',
        /255 characters/,
      ],
      [
        'an over-long description',
        `createEvent(name: "x", source: "users", description: "${'d'.repeat(2001)}")`,
        'description',
        /2000 characters/,
      ],
      [
        'an unknown source (async)',
        'createEventAsync(name: "x", source: "orders")',
        'source',
        /one of: users, products/,
      ],
      ['a malformed uuid (delete)', 'deleteEvent(uuid: "not-a-uuid")', 'uuid', /must be a UUID/],
      ['a malformed uuid (update)', 'updateEvent(uuid: "42", name: "y")', 'uuid', /must be a UUID/],
    ])('rejects %s', async (_case, call, field, reason) => {
      const selection = call.startsWith('deleteEvent') ? '{ success }' : '{ event { uuid } }';
      await expectRejected(`mutation { ${call} ${selection} }`, field, reason);
    });

    it('rejects an update that breaks a rule and leaves the event as it was', async () => {
      const created = await create('Unchanged');

      await expectRejected(
        `mutation { updateEvent(uuid: "${created.uuid}", source: "orders") { event { uuid } } }`,
        'source',
        /one of/,
      );

      const read = await graphql(app, `{ event(uuid: "${created.uuid}") { ${EVENT_FIELDS} } }`);
      expect(read).toEqual({ data: { event: created } });
    });

    it('answers NOT_FOUND for deleting or updating an event that does not exist', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      await expectRejected(
        `mutation { deleteEvent(uuid: "${missing}") { success } }`,
        missing,
        /./,
        'NOT_FOUND',
      );
      await expectRejected(
        `mutation { updateEvent(uuid: "${missing}", name: "y") { event { uuid } } }`,
        missing,
        /./,
        'NOT_FOUND',
      );
    });

    it('rejects a cursor it did not hand out, and first combined with last', async () => {
      const badCursor = await graphql(app, '{ allEvents(after: "bogus") { totalCount } }');
      const both = await graphql(app, '{ allEvents(first: 1, last: 1) { totalCount } }');

      expect(badCursor.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', violations: [{ field: 'after' }] },
      });
      expect(both.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', violations: [{ field: 'last' }] },
      });
    });
  });
});
