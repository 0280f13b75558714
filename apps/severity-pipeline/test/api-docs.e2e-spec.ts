import {
  appWithApiDocs,
  documentedRoutes,
  type OpenApiDocument,
  operationsOf,
} from '@app/platform/testing/openapi-document';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { setUpSeverityApiDocs } from '../src/api-docs/severity-api-docs';
import { EVENT_STATUSES } from '../src/events/event-status';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

/** Every route of the REST API, by path and method: what /docs must document. */
const ROUTES: Record<string, string[]> = {
  '/api/token': ['post'],
  '/api/token/refresh': ['post'],
  '/api/me': ['get'],
  '/api/users': ['get'],
  '/api/events': ['get', 'post'],
  '/api/events/{id}': ['get'],
  '/api/mail': ['get'],
  '/api/mail/{id}': ['get'],
  '/api/generator': ['get'],
  '/api/generator/runs': ['get', 'post'],
  '/api/generator/pause': ['post'],
  '/api/generator/resume': ['post'],
  '/api/queues': ['get'],
  '/api/queues/{queue}/failed': ['get'],
  '/api/queues/{queue}/failed/{id}/retry': ['post'],
};
const TOKEN_ROUTES = ['/api/token', '/api/token/refresh'];

describe('severity-pipeline API docs (e2e)', () => {
  let app: INestApplication;
  let document: OpenApiDocument;

  beforeAll(async () => {
    process.env.DATABASE_URL = 'sqlite::memory:';
    // Served without a token, like /health: the document tells nothing about the data.
    ({ app, document } = await appWithApiDocs(
      SeverityPipelineModule.forRole('all'),
      setUpSeverityApiDocs,
    ));
  });

  afterAll(() => app.close());

  it('documents every route of the REST API, each with a summary, and nothing else', () => {
    expect(documentedRoutes(document)).toEqual(ROUTES);
    for (const [path, operation] of operationsOf(document)) {
      expect([path, Boolean(operation.summary)]).toEqual([path, true]);
    }
  });

  it('asks for the bearer token on every route but the two token endpoints', () => {
    for (const [path, operation] of operationsOf(document)) {
      const secured = operation.security?.some((scheme) => 'bearer' in scheme) ?? false;
      expect([path, secured]).toEqual([path, !TOKEN_ROUTES.includes(path)]);
    }
  });

  it("gives an event's body its fields and the statuses it may have", () => {
    const ref =
      document.paths['/api/events'].post.requestBody?.content['application/json'].schema.$ref;
    const schema = document.components.schemas[String(ref?.split('/').pop())];
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([
      'message',
      'source',
      'status',
      'title',
    ]);
    expect(schema.properties?.status.enum).toEqual([...EVENT_STATUSES]);
  });

  it('serves Swagger UI at /docs without a token', async () => {
    const { text } = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(text).toContain('swagger-ui');
  });
});
