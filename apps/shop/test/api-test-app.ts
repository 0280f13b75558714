import { AppConfig, PlatformModule } from '@app/platform';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  type CustomerAccepted,
  type ProductAccepted,
  type PurchaseAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../src/commands/shop.commands.port';
import { setUpShopApiDocs } from '../src/rest/api-docs';
import { ShopApiModule } from '../src/shop-api.module';
import type { Customer, Page, Product, Purchase } from '../src/store/shop.read-models';

// The shop's HTTP API alone, in front of fakes of the commands and queries: what the API
// layer hands them and what it makes of their answers and errors. The real services are
// tested through it by the shop's own end-to-end suite.

export const PRODUCT: Product = {
  productId: '6f1c0c52-2d4e-4a53-9a8e-0b7e5f3c9d11',
  name: 'Czajnik elektryczny',
  price: 129.99,
  stock: 7,
  addedAt: '2026-11-20T08:00:00.000Z',
};

export const CUSTOMER: Customer = {
  customerId: 'a3d5e7f9-1b2c-4d6e-8f0a-2b4c6d8e0f13',
  name: 'Jan Nowak',
  email: 'jan.nowak@example.com',
  registeredAt: '2026-11-20T08:05:00.000Z',
  owned: [
    {
      purchaseId: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51',
      productId: PRODUCT.productId,
      productName: PRODUCT.name,
      unitPrice: PRODUCT.price,
      quantity: 1,
      purchasedAt: '2026-11-20T08:10:00.000Z',
    },
  ],
};

export const COMPLETED: Purchase = {
  ...CUSTOMER.owned[0],
  customerId: CUSTOMER.customerId,
  status: 'completed',
};

export const REJECTED: Purchase = {
  ...COMPLETED,
  purchaseId: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a82',
  quantity: 9,
  status: 'rejected',
  reason: `product ${PRODUCT.productId} is out of stock: 7 left, 9 asked`,
  purchasedAt: '2026-11-20T08:12:00.000Z',
};

export const PRODUCT_ACCEPTED: ProductAccepted = {
  productId: PRODUCT.productId,
  eventId: '01938a00-0000-7000-8000-000000000001',
};
export const CUSTOMER_ACCEPTED: CustomerAccepted = {
  customerId: CUSTOMER.customerId,
  eventId: '01938a00-0000-7000-8000-000000000002',
};
export const PURCHASE_ACCEPTED: PurchaseAccepted = {
  purchaseId: COMPLETED.purchaseId,
  eventId: '01938a00-0000-7000-8000-000000000003',
};

export interface PortCall {
  readonly method: string;
  readonly input: unknown;
}

/** Records every call with its input, and throws the error it was told to on the next one. */
abstract class FakePort {
  readonly calls: PortCall[] = [];
  private failure: Error | undefined;

  /** The next call throws `error`, as the real service does when it refuses the input. */
  failNext(error: Error): void {
    this.failure = error;
  }

  /** The input of the only call made so far (so a test also sees that nothing else ran). */
  onlyInput(method: string): unknown {
    if (this.calls.length !== 1 || this.calls[0].method !== method) {
      throw new Error(`expected one call of ${method}, got ${JSON.stringify(this.calls)}`);
    }
    return this.calls[0].input;
  }

  reset(): void {
    this.calls.length = 0;
    this.failure = undefined;
  }

  protected async answer<T>(method: string, input: unknown, value: T): Promise<T> {
    this.calls.push({ method, input });
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    return value;
  }
}

export class FakeShopCommands extends FakePort implements ShopCommands {
  addProduct(input: unknown): Promise<ProductAccepted> {
    return this.answer('addProduct', input, PRODUCT_ACCEPTED);
  }

  registerCustomer(input: unknown): Promise<CustomerAccepted> {
    return this.answer('registerCustomer', input, CUSTOMER_ACCEPTED);
  }

  purchase(input: unknown): Promise<PurchaseAccepted> {
    return this.answer('purchase', input, PURCHASE_ACCEPTED);
  }
}

/** Answers the canned read models above whatever it is asked; the tests check what it got. */
export class FakeShopQueries extends FakePort implements ShopQueries {
  product(productId: string): Promise<Product> {
    return this.answer('product', productId, PRODUCT);
  }

  products(page: unknown): Promise<Page<Product>> {
    return this.answer('products', page, { items: [PRODUCT], total: 31 });
  }

  customer(customerId: string): Promise<Customer> {
    return this.answer('customer', customerId, CUSTOMER);
  }

  customers(page: unknown): Promise<Page<Customer>> {
    return this.answer('customers', page, { items: [CUSTOMER], total: 1 });
  }

  purchase(purchaseId: string): Promise<Purchase> {
    return this.answer(
      'purchase',
      purchaseId,
      purchaseId === REJECTED.purchaseId ? REJECTED : COMPLETED,
    );
  }

  purchases(filter: unknown): Promise<Page<Purchase>> {
    return this.answer('purchases', filter, { items: [REJECTED, COMPLETED], total: 2 });
  }
}

export interface ApiTestApp {
  readonly app: INestApplication;
  readonly commands: FakeShopCommands;
  readonly queries: FakeShopQueries;
}

class ApiTestConfig extends AppConfig {}

/** SHOP_COMMANDS and SHOP_QUERIES as the app provides them: globally. */
@Module({})
class FakeShopPortsModule {
  static of(commands: ShopCommands, queries: ShopQueries): DynamicModule {
    return {
      module: FakeShopPortsModule,
      global: true,
      providers: [
        { provide: SHOP_COMMANDS, useValue: commands },
        { provide: SHOP_QUERIES, useValue: queries },
      ],
      exports: [SHOP_COMMANDS, SHOP_QUERIES],
    };
  }
}

/**
 * ShopApiModule with PlatformModule (its ValidationPipe and DomainErrorFilter, as in the app)
 * and the docs mounted as main.ts mounts them, before `init()`. Close it with `app.close()`.
 */
export async function createApiTestApp(): Promise<ApiTestApp> {
  const commands = new FakeShopCommands();
  const queries = new FakeShopQueries();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forApp({ name: 'shop', config: ApiTestConfig }),
      FakeShopPortsModule.of(commands, queries),
      ShopApiModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  setUpShopApiDocs(app);
  await app.init();
  return { app, commands, queries };
}

export interface GraphqlAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly GraphqlError[];
}

export interface GraphqlError {
  readonly message: string;
  readonly path?: readonly string[];
  readonly extensions?: Record<string, unknown>;
}

/**
 * POSTs one operation to `/graphql` as any HTTP client would. Apollo answers HTTP 200, or 400
 * with the errors when the operation never ran (bad variables, a query that does not parse).
 */
export async function graphql<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlAnswer<T>> {
  const response = await request(app.getHttpServer())
    .post('/graphql')
    .set('content-type', 'application/json')
    .send({ query, variables });
  const refused = response.status === 400 && Array.isArray(response.body?.errors);
  if (response.status !== 200 && !refused) {
    throw new Error(`POST /graphql answered ${response.status}: ${response.text}`);
  }
  return response.body as GraphqlAnswer<T>;
}

/** The data of an answer that must have no errors. */
export async function graphqlData<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const answer = await graphql<T>(app, query, variables);
  if (answer.errors?.length || !answer.data) {
    throw new Error(`GraphQL answered errors: ${JSON.stringify(answer.errors)}`);
  }
  return answer.data;
}
