import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface GraphqlAnswer<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: readonly {
    readonly message: string;
    readonly path?: readonly string[];
    readonly extensions?: Record<string, unknown>;
  }[];
}

/** POSTs one operation to `/graphql` as any HTTP client would, expecting HTTP 200. */
export async function graphql<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlAnswer<T>> {
  const response = await request(app.getHttpServer())
    .post('/graphql')
    .set('content-type', 'application/json')
    .send({ query, variables });
  if (response.status !== 200) {
    throw new Error(`POST /graphql answered ${response.status}: ${response.text}`);
  }
  return response.body as GraphqlAnswer<T>;
}

export const ISO_8601_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
