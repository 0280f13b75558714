import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Where every REST app serves Swagger UI; the document is at `/docs-json` and `/docs-yaml`. */
export const API_DOCS_PATH = 'docs';

/**
 * Serves an app's OpenAPI document and Swagger UI the same way in every app. Swagger UI's
 * files come from swagger-ui-dist, installed with @nestjs/swagger, so the page works
 * offline. The document is built on first request. Call it before the app is initialised
 * (main.ts's `beforeListen`, or a test before `app.init()`): routes added later sit behind
 * Nest's 404 handler.
 */
export function serveApiDocs(
  app: INestApplication,
  title: string,
  document: () => OpenAPIObject,
): void {
  SwaggerModule.setup(API_DOCS_PATH, app, document, {
    jsonDocumentUrl: `${API_DOCS_PATH}-json`,
    yamlDocumentUrl: `${API_DOCS_PATH}-yaml`,
    customSiteTitle: `${title} API`,
    // Swagger UI would otherwise send the document to validator.swagger.io for its badge.
    swaggerOptions: { validatorUrl: null, persistAuthorization: true },
  });
}
