import {
  appWithApiDocs,
  documentedRoutes,
  type OpenApiDocument,
  operationsOf,
} from '@app/platform/testing/openapi-document';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { setUpHandlerRouterApiDocs } from '../src/api-docs';
import { HandlerRouterModule } from '../src/handler-router.module';

/** Every route of the REST API, by path and method: what /docs must document. */
const ROUTES: Record<string, string[]> = {
  '/admin/users': ['get', 'post'],
  '/admin/users/{id}': ['delete', 'get', 'patch'],
  '/admin/roles': ['get', 'post'],
  '/admin/roles/{id}': ['delete', 'get', 'patch'],
  '/admin/roles/{id}/claims': ['post'],
  '/admin/roles/{id}/claims/{claimId}': ['delete'],
  '/events/{topic}': ['post'],
  '/audit-log': ['get'],
  '/handlers': ['get'],
};

describe('handler-router API docs (e2e)', () => {
  let app: INestApplication;
  let document: OpenApiDocument;

  beforeAll(async () => {
    process.env.DATABASE_URL = 'sqlite::memory:';
    ({ app, document } = await appWithApiDocs(
      HandlerRouterModule.forRole('all'),
      setUpHandlerRouterApiDocs,
    ));
  });

  afterAll(() => app.close());

  it('documents every route of the REST API, each with a summary, and nothing else', () => {
    expect(documentedRoutes(document)).toEqual(ROUTES);
    for (const [path, operation] of operationsOf(document)) {
      expect([path, Boolean(operation.summary)]).toEqual([path, true]);
    }
  });

  it('says which admin routes take the acting user from X-User-Id', () => {
    for (const [path, operation] of operationsOf(document)) {
      if (!path.startsWith('/admin/')) continue;
      const header = operation.parameters?.find((p) => p.name === 'X-User-Id');
      expect([path, header?.in]).toEqual([path, 'header']);
    }
  });

  it('documents the audit-log filters as query parameters', () => {
    const names = document.paths['/audit-log'].get.parameters?.map((p) => p.name).sort();
    expect(names).toEqual([
      'action',
      'after',
      'entityName',
      'eventId',
      'eventType',
      'first',
      'from',
      'to',
      'userId',
    ]);
  });

  it('serves Swagger UI at /docs', async () => {
    const { text } = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(text).toContain('swagger-ui');
  });
});
