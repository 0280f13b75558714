import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Customer, OwnedItem, Product, Purchase } from '../src/store/shop.read-models';

/** One request the stub received. */
export interface RecordedCall {
  readonly method: string;
  /** With the query string. */
  readonly path: string;
  readonly body?: unknown;
}

/** A canned answer for a route, instead of what the stub would do. */
export interface CannedAnswer {
  readonly status: number;
  readonly body: object;
}

interface PendingPurchase {
  readonly purchase: Omit<Purchase, 'status' | 'reason'>;
  /** GETs left before the stub "projects" it. */
  pollsLeft: number;
}

/**
 * The shop's REST API in memory, as the CLI tools call it: POST/GET /products and
 * /customers, POST /purchases, GET /purchases/:id (404 until decided). It checks bodies
 * roughly as the shop does and answers errors in the shop's shapes, records every call,
 * and counts the requests in flight. A purchase is decided after `pollsBeforeDecision`
 * GETs of it, completed unless `rejectPurchasesWith` gives a reason; undecided forever
 * when `pollsBeforeDecision` is Infinity.
 */
export class ShopApiStub {
  readonly calls: RecordedCall[] = [];
  readonly products: Product[] = [];
  readonly customers: Customer[] = [];
  readonly purchases = new Map<string, Purchase>();
  pollsBeforeDecision = 2;
  rejectPurchasesWith?: string;
  /** Answers held this long, so that requests overlap and in-flight counts mean something. */
  answerDelayMs = 0;
  maxInFlight = 0;
  /** Answers by `METHOD /path` (without the query), in place of the stub's own. */
  readonly canned = new Map<string, CannedAnswer>();

  private readonly pending = new Map<string, PendingPurchase>();
  private inFlight = 0;
  private server?: Server;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Puts a product in the stub's store as if the projector had. */
  addProduct(product: Omit<Product, 'productId' | 'addedAt'>): Product {
    const stored = { productId: randomUUID(), addedAt: new Date().toISOString(), ...product };
    this.products.unshift(stored);
    return stored;
  }

  /** Puts a customer in the stub's store as if the projector had. */
  addCustomer(name: string, email: string, owned: OwnedItem[] = []): Customer {
    const stored = {
      customerId: randomUUID(),
      name,
      email,
      registeredAt: new Date().toISOString(),
      owned,
    };
    this.customers.unshift(stored);
    return stored;
  }

  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.path.split('?')[0] === path);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const text = await readBody(request);
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', 'http://stub');
      this.calls.push({ method, path: `${url.pathname}${url.search}`, body });
      if (this.answerDelayMs) await new Promise((ok) => setTimeout(ok, this.answerDelayMs));
      const answer = this.canned.get(`${method} ${url.pathname}`) ?? this.route(method, url, body);
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    } finally {
      this.inFlight -= 1;
    }
  }

  private route(method: string, url: URL, body: unknown): CannedAnswer {
    const input = (body ?? {}) as Record<string, unknown>;
    const route = `${method} ${url.pathname}`;
    if (route === 'POST /products') return this.postProduct(input);
    if (route === 'POST /customers') return this.postCustomer(input);
    if (route === 'POST /purchases') return this.postPurchase(input);
    if (route === 'GET /products') return page(this.products, url);
    if (route === 'GET /customers') return page(this.customers, url);
    const purchaseId = /^\/purchases\/([^/]+)$/.exec(url.pathname)?.[1];
    if (method === 'GET' && purchaseId) return this.getPurchase(decodeURIComponent(purchaseId));
    return notFound(`Cannot ${method} ${url.pathname}`);
  }

  private postProduct({ name, price, stock }: Record<string, unknown>): CannedAnswer {
    const violations = [
      typeof name !== 'string' || !name.trim() ? ['name', 'must be a non-empty string'] : [],
      typeof price !== 'number' || price < 0.01 || Math.round(price * 100) / 100 !== price
        ? ['price', 'must be at least 0.01 with at most two decimals']
        : [],
      typeof stock !== 'number' || !Number.isInteger(stock) || stock < 0
        ? ['stock', 'must be a whole number of at least 0']
        : [],
    ].filter((violation) => violation.length);
    if (violations.length) return badRequest(violations);
    const product = this.addProduct({
      name: name as string,
      price: price as number,
      stock: stock as number,
    });
    return accepted({ productId: product.productId });
  }

  private postCustomer({ name, email }: Record<string, unknown>): CannedAnswer {
    if (typeof name !== 'string' || !name.trim()) {
      return badRequest([['name', 'must be a non-empty string']]);
    }
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return badRequest([['email', 'must be an email']]);
    }
    const lower = email.toLowerCase();
    if (this.customers.some((customer) => customer.email === lower)) {
      return {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: `customer with email "${lower}" already exists`,
          field: 'email',
        },
      };
    }
    return accepted({ customerId: this.addCustomer(name, lower).customerId });
  }

  private postPurchase({ customerId, productId, quantity = 1 }: Record<string, unknown>) {
    const customer = this.customers.find((candidate) => candidate.customerId === customerId);
    const product = this.products.find((candidate) => candidate.productId === productId);
    if (!customer) return notFound(`customer ${String(customerId)} does not exist`);
    if (!product) return notFound(`product ${String(productId)} does not exist`);
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      return badRequest([['quantity', 'must be a whole number of at least 1']]);
    }
    if (product.stock < quantity) {
      return {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: `product ${product.productId} is out of stock: ${product.stock} left, ${quantity} asked`,
          field: 'quantity',
        },
      };
    }
    const purchaseId = randomUUID();
    this.pending.set(purchaseId, {
      purchase: {
        purchaseId,
        customerId: customer.customerId,
        productId: product.productId,
        productName: product.name,
        unitPrice: product.price,
        quantity,
        purchasedAt: new Date().toISOString(),
      },
      pollsLeft: this.pollsBeforeDecision,
    });
    return accepted({ purchaseId });
  }

  private getPurchase(purchaseId: string): CannedAnswer {
    const pending = this.pending.get(purchaseId);
    if (pending && --pending.pollsLeft <= 0) this.decide(pending);
    const purchase = this.purchases.get(purchaseId);
    return purchase
      ? { status: 200, body: purchase }
      : notFound(`purchase ${purchaseId} does not exist`);
  }

  /** What the projector does: complete (stock down, owned up) or reject with the reason. */
  private decide({ purchase }: PendingPurchase): void {
    this.pending.delete(purchase.purchaseId);
    const reason = this.rejectPurchasesWith;
    if (reason !== undefined) {
      this.purchases.set(purchase.purchaseId, { ...purchase, status: 'rejected', reason });
      return;
    }
    this.purchases.set(purchase.purchaseId, { ...purchase, status: 'completed' });
    const productIndex = this.products.findIndex((p) => p.productId === purchase.productId);
    const product = this.products[productIndex];
    this.products[productIndex] = { ...product, stock: product.stock - purchase.quantity };
    const customerIndex = this.customers.findIndex((c) => c.customerId === purchase.customerId);
    const customer = this.customers[customerIndex];
    const { customerId: _customer, ...item } = purchase;
    this.customers[customerIndex] = { ...customer, owned: [...customer.owned, item] };
  }
}

function page<T>(items: readonly T[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  return { status: 200, body: { items: items.slice(offset, offset + limit), total: items.length } };
}

function accepted(ids: Record<string, string>): CannedAnswer {
  return { status: 202, body: { ...ids, eventId: randomUUID() } };
}

function badRequest(violations: string[][]): CannedAnswer {
  const list = violations.map(([field, reason]) => ({ field, reason }));
  return {
    status: 400,
    body: {
      statusCode: 400,
      error: 'Bad Request',
      message: list.map(({ field, reason }) => `${field}: ${reason}`).join('; '),
      violations: list,
    },
  };
}

function notFound(message: string): CannedAnswer {
  return { status: 404, body: { statusCode: 404, error: 'Not Found', message } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
