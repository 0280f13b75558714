import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

/** The parts of an OpenAPI document the docs specs look at. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
}

export interface OpenApiOperation {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
}

/**
 * An app of `module` with its docs set up by `serveDocs` (before `init`, as main.ts does),
 * and the document it serves at `/docs-json`. Close the app after the spec.
 */
export async function appWithApiDocs(
  module: object,
  serveDocs: (app: INestApplication) => void,
): Promise<{ app: INestApplication; document: OpenApiDocument }> {
  const moduleRef = await Test.createTestingModule({ imports: [module as never] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  serveDocs(app);
  await app.init();
  const { body } = await request(app.getHttpServer()).get('/docs-json').expect(200);
  return { app, document: body as OpenApiDocument };
}

/** Path → its documented methods, sorted: compare it with the routes the app has. */
export function documentedRoutes(document: OpenApiDocument): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(document.paths).map(([path, methods]) => [path, Object.keys(methods).sort()]),
  );
}

/** Every documented operation, with its path. */
export function operationsOf(document: OpenApiDocument): [string, OpenApiOperation][] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.values(methods).map((operation): [string, OpenApiOperation] => [path, operation]),
  );
}
