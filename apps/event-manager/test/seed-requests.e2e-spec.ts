import { createTestApp } from '@app/platform/testing/create-test-app';
import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import { EventManagerModule } from '../src/event-manager.module';
import { EventsService } from '../src/events/events.service';
import { graphql, ISO_8601_UTC, UUID } from './graphql-client';

// The four example requests of the seed's README, character for character.
const CREATE_EVENT = `mutation {
  createEvent(name: "Test Event", source: "users", description: "Opis testowego eventu") {
    event {
      uuid
      name
      createdAt
    }
  }
}`;

const CREATE_EVENT_ASYNC = `mutation {
  createEventAsync(name: "Async Event", source: "products", description: "Asynchroniczne przetwarzanie") {
    event {
      uuid
      name
      createdAt
    }
  }
}`;

const ALL_EVENTS = `query {
  allEvents {
    edges {
      node {
        uuid
        name
        source
        createdAt
      }
    }
  }
}`;

const DELETE_EVENT = `mutation {
  deleteEvent(uuid: "123e4567-e89b-12d3-a456-426614174000") {
    success
  }
}`;

describe("event-manager: the seed's example requests (e2e, embedded default)", () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(EventManagerModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
  });

  afterAll(() => app.close());

  it('createEvent answers { createEvent: { event: { uuid, name, createdAt } } }', async () => {
    const answer = await graphql(app, CREATE_EVENT);

    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      createEvent: {
        event: {
          uuid: expect.stringMatching(UUID),
          name: 'Test Event',
          createdAt: expect.stringMatching(ISO_8601_UTC),
        },
      },
    });
  });

  it('createEventAsync answers the same shape at once, and the consumer stores the event', async () => {
    const answer = await graphql<{ createEventAsync: { event: { uuid: string } } }>(
      app,
      CREATE_EVENT_ASYNC,
    );

    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      createEventAsync: {
        event: {
          uuid: expect.stringMatching(UUID),
          name: 'Async Event',
          createdAt: expect.stringMatching(ISO_8601_UTC),
        },
      },
    });
    const { uuid } = answer.data!.createEventAsync.event;
    const service = app.get(EventsService);
    await waitFor(
      () =>
        service.get(uuid).then(
          () => true,
          () => false,
        ),
      {
        message: 'the consumer stores the async event',
      },
    );
    expect(await service.get(uuid)).toMatchObject({
      name: 'Async Event',
      source: 'products',
      description: 'Asynchroniczne przetwarzanie',
    });
  });

  it('allEvents answers { allEvents: { edges: [{ node: { uuid, name, source, createdAt } }] } }', async () => {
    const answer = await graphql<{ allEvents: { edges: { node: Record<string, string> }[] } }>(
      app,
      ALL_EVENTS,
    );

    expect(answer.errors).toBeUndefined();
    expect(answer.data!.allEvents.edges).toEqual([
      {
        node: {
          uuid: expect.stringMatching(UUID),
          name: 'Test Event',
          source: 'users',
          createdAt: expect.stringMatching(ISO_8601_UTC),
        },
      },
      {
        node: {
          uuid: expect.stringMatching(UUID),
          name: 'Async Event',
          source: 'products',
          createdAt: expect.stringMatching(ISO_8601_UTC),
        },
      },
    ]);
  });

  it("deleteEvent answers { deleteEvent: { success: true } } for the seed's uuid", async () => {
    // The seed deletes 123e4567-...: store an event with that uuid the way the consumer would.
    await app.get(EventsService).storeSubmitted([
      {
        uuid: '123e4567-e89b-12d3-a456-426614174000',
        name: 'Test Event',
        source: 'users',
        description: null,
        createdAt: new Date('2025-03-02T12:00:00Z'),
        updatedAt: new Date('2025-03-02T12:00:00Z'),
      },
    ]);

    const answer = await graphql(app, DELETE_EVENT);

    expect(answer).toEqual({ data: { deleteEvent: { success: true } } });
    const again = await graphql(app, DELETE_EVENT);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
