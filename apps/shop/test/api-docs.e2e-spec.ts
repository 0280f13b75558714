import { InputValidationError, validateInput } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AddProductDto } from '../src/commands/add-product.input';
import { PurchaseDto } from '../src/commands/purchase.input';
import { RegisterCustomerDto } from '../src/commands/register-customer.input';
import { createApiTestApp } from './api-test-app';

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

interface OpenApiOperation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  responses: Record<string, { content?: { 'application/json': JsonContent } }>;
  requestBody?: { content: { 'application/json': JsonContent } };
  parameters?: { name: string; in: string; required?: boolean }[];
}

interface JsonContent {
  schema?: { $ref?: string };
  examples?: Record<string, { value: Record<string, unknown> }>;
}

interface OpenApiSchema {
  properties?: Record<string, { $ref?: string; items?: { $ref?: string } }>;
  required?: string[];
}

const ROUTES = {
  '/products': { post: ['202', '400'], get: ['200', '400'] },
  '/products/{productId}': { get: ['200', '404'] },
  '/customers': { post: ['202', '400', '409'], get: ['200', '400'] },
  '/customers/{customerId}': { get: ['200', '404'] },
  '/purchases': { post: ['202', '400', '404', '409'], get: ['200', '400'] },
  '/purchases/{purchaseId}': { get: ['200', '404'] },
};

describe('shop API docs (e2e)', () => {
  let app: INestApplication;
  let document: OpenApiDocument;

  beforeAll(async () => {
    ({ app } = await createApiTestApp());
    const { body } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    document = body as OpenApiDocument;
  });

  afterAll(() => app?.close());

  /** The schema name a `$ref` points at. */
  const refName = (ref: string | undefined) => ref?.replace('#/components/schemas/', '');

  it('serves Swagger UI at /docs from its own files, with nothing from another host', async () => {
    const page = await request(app.getHttpServer()).get('/docs').expect(200);

    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
    for (const asset of assets) {
      // Relative to the page's own address, as a browser resolves them.
      const path = new URL(asset, 'http://shop/docs').pathname;
      await request(app.getHttpServer()).get(path).expect(200);
    }
    // Nor does it send the document to the online validator.
    const init = await request(app.getHttpServer()).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"validatorUrl": null/);
  });

  it('serves the document as YAML too', async () => {
    const { text } = await request(app.getHttpServer()).get('/docs-yaml').expect(200);

    expect(text).toContain('/purchases/{purchaseId}:');
  });

  it('lists every route with each answer it can give, and nothing for operators', () => {
    const listed = Object.fromEntries(
      Object.entries(document.paths).map(([path, operations]) => [
        path,
        Object.fromEntries(
          Object.entries(operations).map(([method, { responses }]) => [
            method,
            Object.keys(responses).sort(),
          ]),
        ),
      ]),
    );

    expect(listed).toEqual(ROUTES);
  });

  it('names each operation as the GraphQL API names it, for generated clients', () => {
    const ids = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map(({ operationId }) => operationId ?? '(none)'),
    );

    expect(ids.sort()).toEqual([
      'addProduct',
      'customer',
      'customers',
      'product',
      'products',
      'purchase',
      'purchaseProduct',
      'purchases',
      'registerCustomer',
    ]);
  });

  it('describes every answer with a schema, and every operation with a summary and a tag', () => {
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        expect(operation.summary).toEqual(expect.any(String));
        expect(operation.tags).toHaveLength(1);
        for (const response of Object.values(operation.responses)) {
          expect(response.content?.['application/json'].schema?.$ref).toEqual(expect.any(String));
        }
      }
    }
  });

  it.each([
    ['/products', 'NewProduct', 'ProductAccepted', ['name', 'price', 'stock']],
    ['/customers', 'NewCustomer', 'CustomerAccepted', ['email', 'name']],
    ['/purchases', 'NewPurchase', 'PurchaseAccepted', ['customerId', 'productId', 'quantity']],
  ])(
    'documents POST %s: its body %s with examples, and its answer %s',
    (path, body, accepted, fields) => {
      const { requestBody, responses } = document.paths[path].post;
      const content = requestBody?.content['application/json'];

      expect(refName(content?.schema?.$ref)).toBe(body);
      expect(Object.keys(document.components.schemas[body].properties ?? {}).sort()).toEqual(
        fields,
      );
      expect(Object.keys(content?.examples ?? {}).length).toBeGreaterThan(0);
      expect(refName(responses['202'].content?.['application/json'].schema?.$ref)).toBe(accepted);
    },
  );

  it('makes a purchase quantity optional and everything else in a body required', () => {
    const { schemas } = document.components;

    expect(schemas.NewProduct.required?.sort()).toEqual(['name', 'price', 'stock']);
    expect(schemas.NewCustomer.required?.sort()).toEqual(['email', 'name']);
    expect(schemas.NewPurchase.required?.sort()).toEqual(['customerId', 'productId']);
  });

  it('documents the paging and the filters of the lists as query parameters', () => {
    const names = (path: string) =>
      document.paths[path].get.parameters?.map(({ name, in: where }) => `${where}:${name}`).sort();

    expect(names('/products')).toEqual(['query:limit', 'query:offset']);
    expect(names('/customers')).toEqual(['query:limit', 'query:offset']);
    expect(names('/purchases')).toEqual([
      'query:customerId',
      'query:limit',
      'query:offset',
      'query:productId',
      'query:status',
    ]);
    expect(names('/purchases/{purchaseId}')).toEqual(['path:purchaseId']);
  });

  it('describes the read models: pages of items, customers with their owned items', () => {
    const { schemas } = document.components;

    expect(refName(schemas.ProductPage.properties?.items.items?.$ref)).toBe('Product');
    expect(refName(schemas.CustomerPage.properties?.items.items?.$ref)).toBe('Customer');
    expect(refName(schemas.PurchasePage.properties?.items.items?.$ref)).toBe('Purchase');
    expect(refName(schemas.Customer.properties?.owned.items?.$ref)).toBe('OwnedItem');
    expect(schemas.Purchase.properties).toHaveProperty('reason');
    expect(schemas.Purchase.required).not.toContain('reason');
  });

  it('shows the error answers as DomainErrorFilter writes them', () => {
    const purchase = document.paths['/purchases'].post.responses;
    const { schemas } = document.components;

    expect(Object.keys(schemas.InvalidInput.properties ?? {}).sort()).toEqual([
      'error',
      'message',
      'statusCode',
      'violations',
    ]);
    expect(purchase['409'].content?.['application/json'].examples?.stock.value).toMatchObject({
      statusCode: 409,
      field: 'quantity',
    });
    expect(purchase['404'].content?.['application/json'].examples?.customer.value).toMatchObject({
      statusCode: 404,
      message: expect.stringMatching(/^customer .+ does not exist$/),
    });
  });

  describe("the examples say what the shop's own checks say", () => {
    const rules: Record<'/products' | '/customers' | '/purchases', new () => object> = {
      '/products': AddProductDto,
      '/customers': RegisterCustomerDto,
      '/purchases': PurchaseDto,
    };

    /** The request body examples and the 400 examples of one POST route. */
    function examples(path: keyof typeof rules) {
      const { requestBody, responses } = document.paths[path].post;
      return {
        bodies: Object.values(requestBody?.content['application/json'].examples ?? {}),
        refusals: Object.values(responses['400'].content?.['application/json'].examples ?? {}),
      };
    }

    it.each(Object.keys(rules) as (keyof typeof rules)[])(
      "POST %s: every body example passes the command's checks",
      async (path) => {
        for (const { value } of examples(path).bodies) {
          await expect(validateInput(rules[path], value)).resolves.toBeDefined();
        }
      },
    );

    it.each(Object.keys(rules) as (keyof typeof rules)[])(
      'POST %s: each 400 example is the refusal of its field by the same checks',
      async (path) => {
        const { bodies, refusals } = examples(path);
        const [body] = bodies;
        expect(refusals.length).toBeGreaterThan(0);
        for (const { value } of refusals) {
          const [violation] = value.violations as { field: string; reason: string }[];
          const bad = { ...body.value, [violation.field]: badValue(violation.reason) };
          const refusal = await validateInput(rules[path], bad).catch((error: unknown) => error);
          expect(refusal).toBeInstanceOf(InputValidationError);
          expect((refusal as InputValidationError).violations).toEqual([violation]);
        }
      },
    );
  });
});

/** A value that breaks the rule a documented reason names. */
function badValue(reason: string): unknown {
  if (reason === 'must be an email') return 'anna.kowalska';
  const least = /^must not be less than (.+)$/.exec(reason);
  if (least) return Number(least[1]) > 0 ? 0 : -1;
  throw new Error(`no bad value known for "${reason}"`);
}
