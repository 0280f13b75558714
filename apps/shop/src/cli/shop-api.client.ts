import type {
  AddProductInput,
  CustomerAccepted,
  ProductAccepted,
  PurchaseAccepted,
  PurchaseInput,
  RegisterCustomerInput,
} from '../commands/shop.commands.port';
import type { Customer, Page, PageRequest, Product, Purchase } from '../store/shop.read-models';
import { fieldProblems, isRecord, ShopApiError, ShopUnreachableError } from './shop-api.errors';

export interface ShopApiClientOptions {
  /** The shop's base URL without a trailing slash, e.g. http://127.0.0.1:3005. */
  readonly url: string;
  /** A request not answered by then fails as unreachable. */
  readonly timeoutMs?: number;
}

/**
 * The shop's REST API as the CLI tools call it, like any other client: the tools never touch
 * the stores, so what they make goes through the commands and events and a replay of the log
 * makes it again. Node's fetch, JSON in and out; errors as ShopApiError (the shop answered)
 * or ShopUnreachableError (nothing answered).
 */
export class ShopApiClient {
  readonly url: string;
  private readonly timeoutMs: number;

  constructor(options: ShopApiClientOptions) {
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async addProduct(product: AddProductInput): Promise<ProductAccepted> {
    return accepted(await this.request('POST', '/products', product), 'productId');
  }

  async registerCustomer(customer: RegisterCustomerInput): Promise<CustomerAccepted> {
    return accepted(await this.request('POST', '/customers', customer), 'customerId');
  }

  async purchase(purchase: PurchaseInput): Promise<PurchaseAccepted> {
    return accepted(await this.request('POST', '/purchases', purchase), 'purchaseId');
  }

  async products(page: PageRequest): Promise<Page<Product>> {
    return pageOf<Product>(await this.request('GET', `/products?${pageQuery(page)}`));
  }

  async customers(page: PageRequest): Promise<Page<Customer>> {
    return pageOf<Customer>(await this.request('GET', `/customers?${pageQuery(page)}`));
  }

  /** The purchase once the projector has decided it; undefined until then (the API's 404). */
  async findPurchase(purchaseId: string): Promise<Purchase | undefined> {
    const path = `/purchases/${encodeURIComponent(purchaseId)}`;
    try {
      const body = await this.request('GET', path);
      if (!isRecord(body) || typeof body.status !== 'string') {
        throw unexpected(`GET ${path}`, body);
      }
      return body as unknown as Purchase;
    } catch (error) {
      if (error instanceof ShopApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      response = await fetch(
        `${this.url}${path}`,
        body === undefined
          ? { method, signal }
          : {
              method,
              signal,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            },
      );
      // The whole body, even of an error: the connection goes back to the pool.
      text = await response.text();
    } catch (error) {
      throw new ShopUnreachableError(this.url, this.describeFailure(error));
    }
    const answer = parseJson(text);
    if (response.ok) return answer;
    const detail =
      isRecord(answer) && typeof answer.message === 'string'
        ? answer.message
        : text.slice(0, 200) || '(no message)';
    throw new ShopApiError(response.status, response.statusText, fieldProblems(answer), detail);
  }

  /** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is its cause. */
  private describeFailure(error: unknown): string {
    // Duck-typed: fetch's errors may come from another realm (a test's VM context), where
    // `instanceof Error` is false.
    if (!isErrorLike(error)) return String(error);
    if (error.name === 'TimeoutError') return `no answer within ${this.timeoutMs / 1000} s`;
    const { cause } = error;
    // A refused connection to localhost fails on both ::1 and 127.0.0.1: an AggregateError
    // whose message is empty, while its code says what happened.
    if (isErrorLike(cause)) return cause.message || cause.code || error.message;
    return error.message;
  }
}

interface ErrorLike {
  readonly name?: unknown;
  readonly message: string;
  readonly code?: string;
  readonly cause?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return isRecord(value) && typeof value.message === 'string';
}

function pageQuery({ limit, offset }: PageRequest): string {
  return new URLSearchParams({ limit: String(limit), offset: String(offset) }).toString();
}

function accepted<Key extends string>(
  body: unknown,
  idKey: Key,
): { [K in Key]: string } & { eventId: string } {
  if (!isRecord(body) || typeof body[idKey] !== 'string' || typeof body.eventId !== 'string') {
    throw unexpected(`an answer with ${idKey} and eventId`, body);
  }
  return body as { [K in Key]: string } & { eventId: string };
}

function pageOf<T>(body: unknown): Page<T> {
  if (!isRecord(body) || !Array.isArray(body.items) || typeof body.total !== 'number') {
    throw unexpected('a page with items and total', body);
  }
  return { items: body.items as T[], total: body.total };
}

/** A 2xx whose body is not what the contract says: an older or a different server. */
function unexpected(wanted: string, body: unknown): ShopApiError {
  const shown = JSON.stringify(body) ?? 'nothing';
  return new ShopApiError(
    502,
    'Unexpected Answer',
    [],
    `wanted ${wanted}, got ${shown.slice(0, 200)}: is this the shop's URL?`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
