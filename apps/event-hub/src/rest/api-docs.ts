import { serveApiDocs } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { EventHubConfig } from '../event-hub.config';
import { API_KEY_SCHEME, BEARER_SCHEME, OPENAPI_MODELS } from './events.openapi';
import { RestModule } from './rest.module';

const KEY_DESCRIPTION =
  'Needed to write events when the hub is started with API_KEYS (comma-separated keys); without it writes are open. Reads never need one.';

/** The OpenAPI document of the REST API (not of /health and /metrics, which are for operators). */
export function createApiDocument(
  app: INestApplication,
  config: Pick<EventHubConfig, 'MAX_BATCH_EVENTS'>,
): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('event-hub')
    .setDescription(
      'Ingests business events (user_id, event_type, amount, timestamp) and reads the latest stored ones. The same events can be sent over gRPC (port 50051, proto/event_hub.proto) and GraphQL (/graphql).',
    )
    .setVersion('1.0')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: KEY_DESCRIPTION },
      API_KEY_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: `The same key as a Bearer token. ${KEY_DESCRIPTION}`,
      },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, base, {
    include: [RestModule],
    extraModels: OPENAPI_MODELS,
  });
  // The limit is a setting: say the one this process enforces.
  const batch = document.components?.schemas?.EventBatch;
  const events = batch && 'properties' in batch ? batch.properties?.events : undefined;
  if (events && 'type' in events) events.maxItems = config.MAX_BATCH_EVENTS;
  return document;
}

/** Serves the docs at `/docs` (the seed's address; see `serveApiDocs`). */
export function setUpApiDocs(
  app: INestApplication,
  config: Pick<EventHubConfig, 'MAX_BATCH_EVENTS'>,
): void {
  serveApiDocs(app, 'event-hub', () => createApiDocument(app, config));
}
