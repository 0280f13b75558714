import type { INestApplication } from '@nestjs/common';
import { serveApiDocs } from '@app/platform';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the REST API (not of /health and /metrics, which are for operators). */
export function createSeverityApiDocument(app: INestApplication): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('severity-pipeline')
    .setDescription(
      'Events with a severity (info, warning, error): created through this API or by the generator, dispatched to the warning and error workers, the errors mailed. Every route but the two token endpoints needs `Authorization: Bearer <access token>` from POST /api/token/. Analytics are served over GraphQL at /graphql.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, base);
}

/** Serves the docs, open without a token (the access-token guard lets `/docs` through). */
export function setUpSeverityApiDocs(app: INestApplication): void {
  serveApiDocs(app, 'severity-pipeline', () => createSeverityApiDocument(app));
}
