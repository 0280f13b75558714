import { ConflictError, InputValidationError, NotFoundError } from '@app/platform';
import { type INestApplication, Logger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isObjectType } from 'graphql';
import { OutOfStockError } from '../src/commands/out-of-stock.error';
import {
  COMPLETED,
  createApiTestApp,
  CUSTOMER,
  CUSTOMER_ACCEPTED,
  type FakeShopCommands,
  type FakeShopQueries,
  graphql,
  graphqlData,
  PRODUCT,
  PRODUCT_ACCEPTED,
  PURCHASE_ACCEPTED,
  REJECTED,
} from './api-test-app';

const PRODUCT_FIELDS = 'productId name price stock addedAt';
const OWNED_FIELDS = 'purchaseId productId productName unitPrice quantity purchasedAt';
const CUSTOMER_FIELDS = `customerId name email registeredAt owned { ${OWNED_FIELDS} }`;
const PURCHASE_FIELDS =
  'purchaseId customerId productId productName unitPrice quantity status reason purchasedAt';

/** A purchase as GraphQL answers it: every field, `reason` null when there is none. */
function asGraphql(purchase: typeof COMPLETED): Record<string, unknown> {
  return { reason: null, ...purchase };
}

describe('shop GraphQL API (e2e, fake commands and queries)', () => {
  let app: INestApplication;
  let commands: FakeShopCommands;
  let queries: FakeShopQueries;

  beforeAll(async () => {
    ({ app, commands, queries } = await createApiTestApp());
  });

  afterEach(() => {
    commands.reset();
    queries.reset();
  });

  afterAll(() => app?.close());

  describe('the schema', () => {
    /** Each field of a type as SDL writes it, without descriptions: `name(arg: T): T`. */
    function fields(typeName: string): string[] {
      const type = app.get(GraphQLSchemaHost).schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`no object type ${typeName} in the schema`);
      return Object.values(type.getFields()).map(({ name, args, type: answer }) => {
        const list = args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ');
        return `${name}${list ? `(${list})` : ''}: ${String(answer)}`;
      });
    }

    it('has the three commands as mutations answering the accepted ids', () => {
      expect(fields('Mutation')).toEqual([
        'addProduct(name: String!, price: Float!, stock: Int!): ProductAccepted!',
        'purchaseProduct(customerId: ID!, productId: ID!, quantity: Int): PurchaseAccepted!',
        'registerCustomer(email: String!, name: String!): CustomerAccepted!',
      ]);
      expect(fields('PurchaseAccepted')).toEqual(['eventId: ID!', 'purchaseId: ID!']);
    });

    it('has the reads as queries, the lists paged', () => {
      expect(fields('Query')).toEqual([
        'customer(customerId: ID!): Customer!',
        'customers(limit: Int, offset: Int): CustomerPage!',
        'product(productId: ID!): Product!',
        'products(limit: Int, offset: Int): ProductPage!',
        'purchase(purchaseId: ID!): Purchase!',
        'purchases(customerId: ID, limit: Int, offset: Int, productId: ID, status: String): PurchasePage!',
      ]);
      expect(fields('PurchasePage')).toEqual(['items: [Purchase!]!', 'total: Int!']);
    });

    it('shows customers with their owned items, and purchases with a status and a reason', () => {
      expect(fields('Customer')).toEqual([
        'customerId: ID!',
        'email: String!',
        'name: String!',
        'owned: [OwnedItem!]!',
        'registeredAt: String!',
      ]);
      expect(fields('Purchase')).toEqual(
        expect.arrayContaining(['status: String!', 'reason: String', 'quantity: Int!']),
      );
    });
  });

  describe('queries', () => {
    it('products(limit, offset) answers the page and hands the paging over', async () => {
      const data = await graphqlData(
        app,
        `{ products(limit: 5, offset: 10) { items { ${PRODUCT_FIELDS} } total } }`,
      );

      expect(data).toEqual({ products: { items: [PRODUCT], total: 31 } });
      expect(queries.onlyInput('products')).toEqual({ limit: 5, offset: 10 });
    });

    it('hands over no paging when none is given, or when it is null', async () => {
      await graphqlData(app, '{ products { total } }');
      await graphqlData(app, 'query ($limit: Int) { products(limit: $limit) { total } }', {
        limit: null,
      });

      expect(queries.calls).toEqual([
        { method: 'products', input: {} },
        { method: 'products', input: {} },
      ]);
    });

    it('product(productId) answers the product', async () => {
      const data = await graphqlData(
        app,
        `query ($id: ID!) { product(productId: $id) { ${PRODUCT_FIELDS} } }`,
        { id: PRODUCT.productId },
      );

      expect(data).toEqual({ product: PRODUCT });
      expect(queries.onlyInput('product')).toBe(PRODUCT.productId);
    });

    it('customers and customer answer each customer with what they own', async () => {
      const data = await graphqlData(
        app,
        `query ($id: ID!) {
          customers(limit: 1) { items { ${CUSTOMER_FIELDS} } total }
          customer(customerId: $id) { ${CUSTOMER_FIELDS} }
        }`,
        { id: CUSTOMER.customerId },
      );

      expect(data).toEqual({
        customers: { items: [CUSTOMER], total: 1 },
        customer: CUSTOMER,
      });
      // GraphQL resolves the two fields side by side: in either order.
      expect(queries.calls).toHaveLength(2);
      expect(queries.calls).toEqual(
        expect.arrayContaining([
          { method: 'customers', input: { limit: 1 } },
          { method: 'customer', input: CUSTOMER.customerId },
        ]),
      );
    });

    it('purchases(...) hands every filter over and answers the page', async () => {
      const data = await graphqlData(
        app,
        `query ($customerId: ID, $productId: ID) {
          purchases(customerId: $customerId, productId: $productId, status: "rejected",
                    limit: 10, offset: 20) { items { ${PURCHASE_FIELDS} } total }
        }`,
        { customerId: CUSTOMER.customerId, productId: PRODUCT.productId },
      );

      expect(data).toEqual({
        purchases: { items: [asGraphql(REJECTED), asGraphql(COMPLETED)], total: 2 },
      });
      expect(queries.onlyInput('purchases')).toEqual({
        customerId: CUSTOMER.customerId,
        productId: PRODUCT.productId,
        status: 'rejected',
        limit: 10,
        offset: 20,
      });
    });

    it('purchase(purchaseId) answers completed, or rejected with the reason', async () => {
      const query = `query ($id: ID!) { purchase(purchaseId: $id) { status reason } }`;

      const completed = await graphqlData(app, query, { id: COMPLETED.purchaseId });
      const rejected = await graphqlData(app, query, { id: REJECTED.purchaseId });

      expect(completed).toEqual({ purchase: { status: 'completed', reason: null } });
      expect(rejected).toEqual({ purchase: { status: 'rejected', reason: REJECTED.reason } });
    });
  });

  describe('mutations', () => {
    it('addProduct answers the ids, having handed the arguments over as a plain object', async () => {
      const data = await graphqlData(
        app,
        'mutation { addProduct(name: "Czajnik", price: 129.99, stock: 7) { productId eventId } }',
      );

      expect(data).toEqual({ addProduct: PRODUCT_ACCEPTED });
      const input = commands.onlyInput('addProduct');
      expect(input).toEqual({ name: 'Czajnik', price: 129.99, stock: 7 });
      expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    });

    it('registerCustomer answers the ids', async () => {
      const data = await graphqlData(
        app,
        `mutation { registerCustomer(name: "Jan Nowak", email: "jan.nowak@example.com") {
          customerId eventId } }`,
      );

      expect(data).toEqual({ registerCustomer: CUSTOMER_ACCEPTED });
      expect(commands.onlyInput('registerCustomer')).toEqual({
        name: 'Jan Nowak',
        email: 'jan.nowak@example.com',
      });
    });

    it('purchaseProduct answers the ids; without a quantity none is handed over', async () => {
      const data = await graphqlData(
        app,
        `mutation ($c: ID!, $p: ID!) {
          purchaseProduct(customerId: $c, productId: $p) { purchaseId eventId } }`,
        { c: CUSTOMER.customerId, p: PRODUCT.productId },
      );

      expect(data).toEqual({ purchaseProduct: PURCHASE_ACCEPTED });
      expect(commands.onlyInput('purchase')).toEqual({
        customerId: CUSTOMER.customerId,
        productId: PRODUCT.productId,
      });
    });

    it('purchaseProduct hands the quantity over', async () => {
      await graphqlData(
        app,
        `mutation ($c: ID!, $p: ID!) {
          purchaseProduct(customerId: $c, productId: $p, quantity: 3) { purchaseId } }`,
        { c: CUSTOMER.customerId, p: PRODUCT.productId },
      );

      expect(commands.onlyInput('purchase')).toMatchObject({ quantity: 3 });
    });
  });

  describe('errors', () => {
    const purchase = `mutation ($q: Int) {
      purchaseProduct(customerId: "${CUSTOMER.customerId}", productId: "${PRODUCT.productId}",
                      quantity: $q) { purchaseId } }`;

    it('answers bad input with BAD_USER_INPUT naming each field and its reason', async () => {
      commands.failNext(InputValidationError.of('price', 'must not be less than 0.01'));

      const { data, errors } = await graphql(
        app,
        'mutation { addProduct(name: "Czajnik", price: 0, stock: 1) { productId } }',
      );

      expect(data).toBeNull();
      expect(errors).toEqual([
        expect.objectContaining({
          message: 'Invalid input: price: must not be less than 0.01',
          path: ['addProduct'],
          extensions: {
            code: 'BAD_USER_INPUT',
            violations: [{ field: 'price', reason: 'must not be less than 0.01' }],
          },
        }),
      ]);
    });

    it('answers an unknown product with NOT_FOUND naming it', async () => {
      queries.failNext(new NotFoundError('product', 'nope'));

      const { errors } = await graphql(app, '{ product(productId: "nope") { name } }');

      expect(errors).toEqual([
        expect.objectContaining({
          message: 'product nope does not exist',
          extensions: { code: 'NOT_FOUND', entity: 'product', key: 'nope' },
        }),
      ]);
    });

    it('answers a purchase not decided yet with NOT_FOUND', async () => {
      queries.failNext(new NotFoundError('purchase', COMPLETED.purchaseId));

      const { errors } = await graphql(
        app,
        `{ purchase(purchaseId: "${COMPLETED.purchaseId}") { status } }`,
      );

      expect(errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'purchase' });
    });

    it('answers an e-mail address already registered with CONFLICT on email', async () => {
      commands.failNext(new ConflictError('customer', 'email', 'jan.nowak@example.com'));

      const { errors } = await graphql(
        app,
        'mutation { registerCustomer(name: "Jan", email: "jan.nowak@example.com") { customerId } }',
      );

      expect(errors).toEqual([
        expect.objectContaining({
          message: 'customer with email "jan.nowak@example.com" already exists',
          extensions: { code: 'CONFLICT', entity: 'customer', field: 'email' },
        }),
      ]);
    });

    it('answers too few units left with CONFLICT on quantity, saying how many are left', async () => {
      commands.failNext(new OutOfStockError(PRODUCT.productId, 7, 9));

      const { errors } = await graphql(app, purchase, { q: 9 });

      expect(errors).toEqual([
        expect.objectContaining({
          message: `product ${PRODUCT.productId} is out of stock: 7 left, 9 asked`,
          extensions: { code: 'CONFLICT', entity: 'product', field: 'quantity' },
        }),
      ]);
    });

    it('answers an unknown customer with NOT_FOUND', async () => {
      commands.failNext(new NotFoundError('customer', CUSTOMER.customerId));

      const { errors } = await graphql(app, purchase);

      expect(errors?.[0]).toMatchObject({
        message: `customer ${CUSTOMER.customerId} does not exist`,
        extensions: { code: 'NOT_FOUND' },
      });
    });

    it('refuses an argument of the wrong type before calling anything', async () => {
      const { errors } = await graphql(app, purchase, { q: 'two' });

      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(commands.calls).toEqual([]);
    });

    it('masks an unexpected failure and logs it', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      queries.failNext(new Error('connect ECONNREFUSED 10.0.0.7:27017'));

      const { errors } = await graphql(app, '{ products { total } }');

      expect(errors).toEqual([
        expect.objectContaining({
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('ECONNREFUSED'));
      logged.mockRestore();
    });
  });
});
