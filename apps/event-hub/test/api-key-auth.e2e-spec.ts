import { freePort } from '@app/platform/testing/app-process';
import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  createEventHubClient,
  type EventHubGrpcClient,
  sendEvent,
  sendEvents,
} from '../src/grpc/event-hub.client';
import { startGrpcServer } from '../src/grpc/grpc.server';
import { createRestTestApp, SEED_BODY } from './rest-test-app';

const KEY = 'writer-key-0123456789';
const OTHER_KEY = 'second-key-9876543210';

function metadata(entries: Record<string, string>): Metadata {
  const result = new Metadata();
  for (const [name, value] of Object.entries(entries)) result.set(name, value);
  return result;
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}

describe('event-hub API keys (e2e)', () => {
  describe('with API_KEYS set', () => {
    let app: INestApplication;
    let client: EventHubGrpcClient;

    beforeAll(async () => {
      app = await createRestTestApp({ API_KEYS: `${KEY},${OTHER_KEY}` });
      const port = await freePort();
      await startGrpcServer(app, { GRPC_HOST: '127.0.0.1', GRPC_PORT: port });
      client = createEventHubClient(`127.0.0.1:${port}`);
    });

    afterAll(async () => {
      delete process.env.API_KEYS;
      client?.close();
      await app?.close();
    });

    const http = () => request(app.getHttpServer());

    it.each([
      ['POST /events', '/events', SEED_BODY],
      ['POST /events/batch', '/events/batch', { events: [SEED_BODY] }],
    ])('%s without a key is 401 with WWW-Authenticate', async (_, path, body) => {
      const response = await http().post(path).send(body).expect(401);

      expect(response.headers['www-authenticate']).toBe('Bearer realm="event-hub"');
      expect(response.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message:
          'an API key is required to write events: send it as x-api-key: <key> or authorization: Bearer <key>',
      });
    });

    it('refuses a wrong key with 401, also before looking at a bad body', async () => {
      const wrong = await http().post('/events').set('X-API-Key', `${KEY}x`).send(SEED_BODY);
      const badBody = await http().post('/events').set('X-API-Key', 'nope').send({ amount: -1 });

      expect([wrong.status, badBody.status]).toEqual([401, 401]);
      expect(wrong.body.message).toBe('the API key is not valid');
    });

    it('accepts a configured key as X-API-Key or as Authorization: Bearer', async () => {
      await http().post('/events').set('X-API-Key', KEY).send(SEED_BODY).expect(202);
      await http()
        .post('/events/batch')
        .set('Authorization', `Bearer ${OTHER_KEY}`)
        .send({ events: [SEED_BODY] })
        .expect(202);
    });

    it('still answers bad input with 400 once the key is good', async () => {
      await http()
        .post('/events')
        .set('X-API-Key', KEY)
        .send({ ...SEED_BODY, amount: -1 })
        .expect(400);
    });

    it('leaves reads open: GET /events needs no key', async () => {
      await http().get('/events').expect(200);
    });

    it('gRPC SendEvent without a key fails UNAUTHENTICATED', async () => {
      const error = await rejection(sendEvent(client, SEED_BODY));

      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toMatch(/^an API key is required to write events/);
    });

    it('gRPC SendEvent with a wrong key fails UNAUTHENTICATED', async () => {
      const error = await rejection(
        sendEvent(client, SEED_BODY, metadata({ 'x-api-key': 'nope' })),
      );

      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toBe('the API key is not valid');
    });

    it('gRPC SendEvents without a key fails UNAUTHENTICATED', async () => {
      const error = await rejection(sendEvents(client, [SEED_BODY, SEED_BODY]));

      expect(error.code).toBe(status.UNAUTHENTICATED);
    });

    it('gRPC writes with a key in metadata x-api-key or authorization: Bearer succeed', async () => {
      const one = await sendEvent(client, SEED_BODY, metadata({ 'x-api-key': KEY }));
      const many = await sendEvents(
        client,
        [SEED_BODY, SEED_BODY],
        metadata({ authorization: `Bearer ${OTHER_KEY}` }),
      );

      expect(one.duplicate).toBe(false);
      expect(many.accepted).toBe(2);
    });
  });

  describe('without API_KEYS', () => {
    let app: INestApplication;

    beforeAll(async () => {
      delete process.env.API_KEYS;
      app = await createRestTestApp();
    });

    afterAll(() => app?.close());

    it("accepts the seed's curl without any key, and ignores a key sent anyway", async () => {
      await request(app.getHttpServer()).post('/events').send(SEED_BODY).expect(202);
      await request(app.getHttpServer())
        .post('/events')
        .set('X-API-Key', 'anything')
        .send(SEED_BODY)
        .expect(202);
    });
  });
});
