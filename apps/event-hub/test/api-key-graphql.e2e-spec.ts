import type { INestApplication } from '@nestjs/common';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { createClient } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { WritesEvents } from '../src/auth/writes-events.decorator';
import { EventHubModule } from '../src/event-hub.module';

const KEY = 'writer-key-0123456789';

/**
 * A mutation guarded like event-hub's own (`@WritesEvents()`), so this suite checks the guard
 * over Apollo and graphql-ws whatever the real resolvers look like.
 */
@Resolver()
class GuardedResolver {
  @Query(() => Boolean)
  open(): boolean {
    return true;
  }

  @WritesEvents()
  @Mutation(() => Boolean)
  write(): boolean {
    return true;
  }
}

interface Answer {
  data?: { write?: boolean } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('event-hub API keys over GraphQL (e2e)', () => {
  let app: INestApplication;
  let wsUrl: string;

  beforeAll(async () => {
    Object.assign(process.env, { DATABASE_URL: 'sqlite::memory:', API_KEYS: KEY });
    const moduleRef = await Test.createTestingModule({
      imports: [EventHubModule.forStore('sql')],
      providers: [GuardedResolver],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    wsUrl = `ws://127.0.0.1:${port}/graphql`;
  });

  afterAll(async () => {
    delete process.env.API_KEYS;
    await app?.close();
  });

  async function overHttp(headers: Record<string, string>): Promise<Answer> {
    const { body } = await request(app.getHttpServer())
      .post('/graphql')
      .set(headers)
      .send({ query: 'mutation { write }' })
      .expect(200);
    return body as Answer;
  }

  function overWebSocket(connectionParams: Record<string, string>): Promise<Answer> {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams,
    });
    return new Promise<Answer>((resolve, reject) => {
      let answer: Answer = {};
      client.subscribe(
        { query: 'mutation { write }' },
        {
          next: (next) => (answer = next as Answer),
          error: reject,
          complete: () => resolve(answer),
        },
      );
    }).finally(() => client.dispose());
  }

  it('refuses a mutation without a key with code UNAUTHENTICATED', async () => {
    const answer = await overHttp({});

    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message:
          'an API key is required to write events: send it as x-api-key: <key> or authorization: Bearer <key>',
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ]);
  });

  it('refuses a wrong key with code UNAUTHENTICATED', async () => {
    const answer = await overHttp({ 'x-api-key': 'nope' });

    expect(answer.errors?.[0]).toMatchObject({
      message: 'the API key is not valid',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('admits a mutation with the key in X-API-Key or Authorization: Bearer', async () => {
    expect(await overHttp({ 'X-API-Key': KEY })).toEqual({ data: { write: true } });
    expect(await overHttp({ Authorization: `Bearer ${KEY}` })).toEqual({ data: { write: true } });
  });

  it('leaves queries open', async () => {
    const { body } = await request(app.getHttpServer())
      .post('/graphql')
      .send({ query: '{ open }' })
      .expect(200);

    expect(body).toEqual({ data: { open: true } });
  });

  it('reads the key of a mutation over graphql-ws from connectionParams', async () => {
    expect(await overWebSocket({ 'x-api-key': KEY })).toEqual({ data: { write: true } });
    expect(await overWebSocket({ authorization: `Bearer ${KEY}` })).toEqual({
      data: { write: true },
    });
    const refused = await overWebSocket({});
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
