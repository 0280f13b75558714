import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createRestTestApp, SEED_BODY } from './rest-test-app';

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    securitySchemes: Record<string, object>;
    schemas: Record<string, { properties?: Record<string, { maxItems?: number }> }>;
  };
}

interface OpenApiOperation {
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
  requestBody?: {
    content: { 'application/json': { examples?: Record<string, { value: unknown }> } };
  };
  parameters?: { name: string; in: string }[];
}

describe('event-hub API docs (e2e)', () => {
  let app: INestApplication;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await createRestTestApp({ MAX_BATCH_EVENTS: '250' });
    const { body } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    document = body as OpenApiDocument;
  });

  afterAll(async () => {
    delete process.env.MAX_BATCH_EVENTS;
    await app?.close();
  });

  it('serves Swagger UI at /docs from its own files, with nothing from another host', async () => {
    const page = await request(app.getHttpServer()).get('/docs').expect(200);

    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
    for (const asset of assets) {
      // Relative to the page's own address, as a browser resolves them.
      const path = new URL(asset, 'http://hub/docs').pathname;
      await request(app.getHttpServer()).get(path).expect(200);
    }
    // Nor does it send the document to the online validator.
    const init = await request(app.getHttpServer()).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"validatorUrl": null/);
  });

  it('lists the three routes with their answers', () => {
    expect(Object.keys(document.paths).sort()).toEqual(['/events', '/events/batch']);
    const { post: send, get: latest } = document.paths['/events'];
    const { post: batch } = document.paths['/events/batch'];

    expect(Object.keys(send.responses).sort()).toEqual(['202', '400', '401']);
    expect(Object.keys(batch.responses).sort()).toEqual(['202', '400', '401']);
    expect(Object.keys(latest.responses).sort()).toEqual(['200', '400']);
    expect(latest.parameters?.map(({ name }) => name).sort()).toEqual([
      'event_type',
      'from',
      'limit',
      'to',
      'user_id',
    ]);
  });

  it("gives the seed's curl body as the example of POST /events", () => {
    const examples =
      document.paths['/events'].post.requestBody?.content['application/json'].examples;

    expect(examples?.seed.value).toEqual(SEED_BODY);
  });

  it('describes the API key, as X-API-Key or a Bearer token, on the writes only', () => {
    expect(document.components.securitySchemes).toEqual({
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const either = [{ 'api-key': [] }, { bearer: [] }];
    expect(document.paths['/events'].post.security).toEqual(either);
    expect(document.paths['/events/batch'].post.security).toEqual(either);
    expect(document.paths['/events'].get.security).toBeUndefined();
  });

  it('says the batch limit this process enforces', () => {
    expect(document.components.schemas.EventBatch.properties?.events.maxItems).toBe(250);
  });
});
