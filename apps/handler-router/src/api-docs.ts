import { serveApiDocs } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the REST API (not of /health and /metrics, which are for operators). */
export function createHandlerRouterApiDocument(app: INestApplication): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('handler-router')
    .setDescription(
      "Routes events by (topic, event name) to registered handlers that write the audit log. The admin API (users, roles, claims) emits the seed's events on user_events and role_events; POST /events/{topic} publishes one directly; the audit log and the handler registrations are read here and over GraphQL at /graphql.",
    )
    .setVersion('1.0')
    .build();
  return SwaggerModule.createDocument(app, base);
}

/** Serves the docs at `/docs` (see `serveApiDocs`). */
export function setUpHandlerRouterApiDocs(app: INestApplication): void {
  serveApiDocs(app, 'handler-router', () => createHandlerRouterApiDocument(app));
}
