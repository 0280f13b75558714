import { ConflictError, InputValidationError, NotFoundError } from '@app/platform';
import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { OutOfStockError } from '../src/commands/out-of-stock.error';
import {
  COMPLETED,
  createApiTestApp,
  CUSTOMER,
  CUSTOMER_ACCEPTED,
  type FakeShopCommands,
  type FakeShopQueries,
  PRODUCT,
  PRODUCT_ACCEPTED,
  PURCHASE_ACCEPTED,
  REJECTED,
} from './api-test-app';

describe('shop REST API (e2e, fake commands and queries)', () => {
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

  const http = () => request(app.getHttpServer());

  describe('POST /products', () => {
    it('answers 202 with the ids, having handed the body to addProduct as it came', async () => {
      const body = { name: '  Czajnik ', price: '129.99', stock: 7, colour: 'red' };

      const response = await http().post('/products').send(body).expect(202);

      expect(response.body).toEqual(PRODUCT_ACCEPTED);
      // Untouched: trimming, types and unknown fields are the command's to judge.
      expect(commands.onlyInput('addProduct')).toEqual(body);
    });

    it('answers bad input with 400 naming each field and its reason', async () => {
      commands.failNext(
        new InputValidationError([
          { field: 'price', reason: 'must not be less than 0.01' },
          { field: 'stock', reason: 'must be an integer number' },
        ]),
      );

      const { body } = await http()
        .post('/products')
        .send({ name: 'Czajnik', price: 0, stock: 1.5 })
        .expect(400);

      expect(body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'price: must not be less than 0.01; stock: must be an integer number',
        violations: [
          { field: 'price', reason: 'must not be less than 0.01' },
          { field: 'stock', reason: 'must be an integer number' },
        ],
      });
    });

    it('answers malformed JSON with 400, and never calls the command', async () => {
      const { body } = await http()
        .post('/products')
        .set('Content-Type', 'application/json')
        .send('{"name": "Czajnik",')
        .expect(400);

      // Nest's own answer to what body-parser refuses: JSON, saying where the text went wrong.
      expect(body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringContaining('JSON at position 19'),
      });
      expect(commands.calls).toEqual([]);
    });

    it('hands a request without a body to the command, which judges it', async () => {
      commands.failNext(InputValidationError.of('(body)', 'must be a JSON object'));

      const { body } = await http().post('/products').expect(400);

      expect(body.violations).toEqual([{ field: '(body)', reason: 'must be a JSON object' }]);
      expect(commands.calls).toHaveLength(1);
    });

    it('answers an unexpected failure with 500 and no internals, and logs it', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      commands.failNext(new Error('KafkaJSConnectionError: connect ECONNREFUSED 10.0.0.7:9092'));

      const { body } = await http().post('/products').send({}).expect(500);

      expect(body).toEqual({ statusCode: 500, message: 'Internal server error' });
      expect(logged).toHaveBeenCalled();
      logged.mockRestore();
    });
  });

  describe('GET /products', () => {
    it('answers the page with the total', async () => {
      const { body } = await http().get('/products').expect(200);

      expect(body).toEqual({ items: [PRODUCT], total: 31 });
      expect(queries.onlyInput('products')).toEqual({});
    });

    it('turns limit and offset written as numbers into numbers', async () => {
      await http().get('/products?limit=5&offset=10').expect(200);

      expect(queries.onlyInput('products')).toEqual({ limit: 5, offset: 10 });
    });

    it.each([
      ['a word', 'limit=ten', { limit: 'ten' }],
      ['an empty value', 'limit=', { limit: '' }],
      ['an exponent', 'limit=1e3', { limit: '1e3' }],
      ['a repeated parameter', 'offset=1&offset=2', { offset: ['1', '2'] }],
    ])('leaves %s as it came, for the query to judge', async (_, query, input) => {
      await http().get(`/products?${query}`).expect(200);

      expect(queries.onlyInput('products')).toEqual(input);
    });

    it('passes fractions and negatives on as numbers, and answers their refusal with 400', async () => {
      queries.failNext(InputValidationError.of('limit', 'must be an integer number'));

      const { body } = await http().get('/products?limit=2.5&offset=-1').expect(400);

      expect(queries.onlyInput('products')).toEqual({ limit: 2.5, offset: -1 });
      expect(body).toMatchObject({
        message: 'limit: must be an integer number',
        violations: [{ field: 'limit', reason: 'must be an integer number' }],
      });
    });
  });

  describe('GET /products/:productId', () => {
    it('answers the product', async () => {
      const { body } = await http().get(`/products/${PRODUCT.productId}`).expect(200);

      expect(body).toEqual(PRODUCT);
      expect(queries.onlyInput('product')).toBe(PRODUCT.productId);
    });

    it('answers 404 naming the product the shop does not know', async () => {
      queries.failNext(new NotFoundError('product', 'nope'));

      const { body } = await http().get('/products/nope').expect(404);

      expect(body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'product nope does not exist',
      });
    });
  });

  describe('POST /customers', () => {
    it('answers 202 with the ids, having handed the body to registerCustomer', async () => {
      const customer = { name: 'Jan Nowak', email: 'Jan.Nowak@Example.com' };

      const { body } = await http().post('/customers').send(customer).expect(202);

      expect(body).toEqual(CUSTOMER_ACCEPTED);
      expect(commands.onlyInput('registerCustomer')).toEqual(customer);
    });

    it('answers an e-mail address already registered with 409 naming the field', async () => {
      commands.failNext(new ConflictError('customer', 'email', 'jan.nowak@example.com'));

      const { body } = await http()
        .post('/customers')
        .send({ name: 'Jan', email: 'jan.nowak@example.com' })
        .expect(409);

      expect(body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'customer with email "jan.nowak@example.com" already exists',
        field: 'email',
      });
    });

    it('answers a bad e-mail address with 400 naming it', async () => {
      commands.failNext(InputValidationError.of('email', 'must be an email'));

      const { body } = await http()
        .post('/customers')
        .send({ name: 'Jan', email: 'jan' })
        .expect(400);

      expect(body.violations).toEqual([{ field: 'email', reason: 'must be an email' }]);
    });
  });

  describe('GET /customers', () => {
    it('answers the page, each customer with what they own', async () => {
      const { body } = await http().get('/customers?limit=1&offset=0').expect(200);

      expect(body).toEqual({ items: [CUSTOMER], total: 1 });
      expect(body.items[0].owned).toHaveLength(1);
      expect(queries.onlyInput('customers')).toEqual({ limit: 1, offset: 0 });
    });

    it('answers one customer, or 404', async () => {
      const { body } = await http().get(`/customers/${CUSTOMER.customerId}`).expect(200);
      expect(body).toEqual(CUSTOMER);
      expect(queries.onlyInput('customer')).toBe(CUSTOMER.customerId);

      queries.failNext(new NotFoundError('customer', 'x'));
      const missing = await http().get('/customers/x').expect(404);
      expect(missing.body.message).toBe('customer x does not exist');
    });
  });

  describe('POST /purchases', () => {
    it('answers 202 with the ids; without a quantity the body goes on without one', async () => {
      const purchase = { customerId: CUSTOMER.customerId, productId: PRODUCT.productId };

      const { body } = await http().post('/purchases').send(purchase).expect(202);

      expect(body).toEqual(PURCHASE_ACCEPTED);
      expect(commands.onlyInput('purchase')).toEqual(purchase);
    });

    it('hands the quantity over as sent', async () => {
      const purchase = {
        customerId: CUSTOMER.customerId,
        productId: PRODUCT.productId,
        quantity: 3,
      };

      await http().post('/purchases').send(purchase).expect(202);

      expect(commands.onlyInput('purchase')).toEqual(purchase);
    });

    it('answers an unknown customer or product with 404 naming it', async () => {
      commands.failNext(new NotFoundError('customer', CUSTOMER.customerId));

      const { body } = await http()
        .post('/purchases')
        .send({ customerId: CUSTOMER.customerId, productId: PRODUCT.productId })
        .expect(404);

      expect(body.message).toBe(`customer ${CUSTOMER.customerId} does not exist`);
    });

    it('answers too few units left with 409 on quantity, saying how many are left', async () => {
      commands.failNext(new OutOfStockError(PRODUCT.productId, 7, 9));

      const { body } = await http()
        .post('/purchases')
        .send({ customerId: CUSTOMER.customerId, productId: PRODUCT.productId, quantity: 9 })
        .expect(409);

      expect(body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `product ${PRODUCT.productId} is out of stock: 7 left, 9 asked`,
        field: 'quantity',
      });
    });

    it('answers a bad quantity with 400 naming it', async () => {
      commands.failNext(InputValidationError.of('quantity', 'must not be less than 1'));

      const { body } = await http()
        .post('/purchases')
        .send({ customerId: CUSTOMER.customerId, productId: PRODUCT.productId, quantity: 0 })
        .expect(400);

      expect(body.violations).toEqual([{ field: 'quantity', reason: 'must not be less than 1' }]);
    });
  });

  describe('GET /purchases', () => {
    it('hands every filter over, paging as numbers, and answers the page', async () => {
      const query =
        `customerId=${CUSTOMER.customerId}&productId=${PRODUCT.productId}` +
        '&status=rejected&limit=10&offset=20';

      const { body } = await http().get(`/purchases?${query}`).expect(200);

      expect(body).toEqual({ items: [REJECTED, COMPLETED], total: 2 });
      expect(queries.onlyInput('purchases')).toEqual({
        customerId: CUSTOMER.customerId,
        productId: PRODUCT.productId,
        status: 'rejected',
        limit: 10,
        offset: 20,
      });
    });

    it('answers a status the query refuses with 400 naming it', async () => {
      queries.failNext(InputValidationError.of('status', 'status must be completed or rejected'));

      const { body } = await http().get('/purchases?status=pending').expect(400);

      expect(queries.onlyInput('purchases')).toEqual({ status: 'pending' });
      expect(body.violations).toEqual([
        { field: 'status', reason: 'status must be completed or rejected' },
      ]);
    });
  });

  describe('GET /purchases/:purchaseId', () => {
    it('answers a completed purchase, without a reason', async () => {
      const { body } = await http().get(`/purchases/${COMPLETED.purchaseId}`).expect(200);

      expect(body).toEqual(COMPLETED);
      expect(body).not.toHaveProperty('reason');
    });

    it('answers a rejected purchase with its reason', async () => {
      const { body } = await http().get(`/purchases/${REJECTED.purchaseId}`).expect(200);

      expect(body).toMatchObject({ status: 'rejected', reason: REJECTED.reason });
      expect(queries.onlyInput('purchase')).toBe(REJECTED.purchaseId);
    });

    it('answers 404 while the projector has not decided it', async () => {
      queries.failNext(new NotFoundError('purchase', COMPLETED.purchaseId));

      const { body } = await http().get(`/purchases/${COMPLETED.purchaseId}`).expect(404);

      expect(body.message).toBe(`purchase ${COMPLETED.purchaseId} does not exist`);
    });
  });
});
