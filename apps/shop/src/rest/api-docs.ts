import { serveApiDocs } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ShopApiModule } from '../shop-api.module';

/** The OpenAPI document of the REST API (not of /health and /metrics, which are for operators). */
export function createShopApiDocument(app: INestApplication): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('shop')
    .setDescription(
      'An event-driven shop: the operator adds products, customers register and buy them. Every command is accepted with 202 once its event is published to Kafka (`shop_events`); the projector then updates the stores that the reads answer from, so a new product, customer or purchase shows up there a moment later. The same commands and reads are served over GraphQL at /graphql.',
    )
    .setVersion('1.0')
    .build();
  return SwaggerModule.createDocument(app, base, {
    include: [ShopApiModule],
    // `addProduct`, `products`, `purchase`...: the names GraphQL gives the same operations.
    operationIdFactory: (_controller, method) => method,
  });
}

/** Serves the docs at `/docs` (see `serveApiDocs`). */
export function setUpShopApiDocs(app: INestApplication): void {
  serveApiDocs(app, 'shop', () => createShopApiDocument(app));
}
