import { waitFor } from '@app/transport/testing';
import type { Customer, Page, Product, Purchase } from '../src/store/shop.read-models';

export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

/** The shop's REST API as a test calls it, like any client (fetch, JSON). */
export class ShopClient {
  constructor(readonly baseUrl: string) {}

  addProduct(product: { name: string; price: number; stock: number }) {
    return this.post<{ productId: string; eventId: string }>('/products', product);
  }

  registerCustomer(customer: { name: string; email: string }) {
    return this.post<{ customerId: string; eventId: string }>('/customers', customer);
  }

  purchase(purchase: { customerId: string; productId: string; quantity?: number }) {
    return this.post<{ purchaseId: string; eventId: string }>('/purchases', purchase);
  }

  async products(limit = 100): Promise<Page<Product>> {
    return (await this.get<Page<Product>>(`/products?limit=${limit}`)).body;
  }

  async customers(limit = 100): Promise<Page<Customer>> {
    return (await this.get<Page<Customer>>(`/customers?limit=${limit}`)).body;
  }

  async purchases(limit = 100): Promise<Page<Purchase>> {
    return (await this.get<Page<Purchase>>(`/purchases?limit=${limit}`)).body;
  }

  product(productId: string) {
    return this.get<Product>(`/products/${productId}`);
  }

  customer(customerId: string) {
    return this.get<Customer>(`/customers/${customerId}`);
  }

  purchaseOf(purchaseId: string) {
    return this.get<Purchase>(`/purchases/${purchaseId}`);
  }

  /** Polls until the projector has made `path` answer 200 (it 404s until then). */
  async projected<T>(path: string, what: string, timeoutMs = 20_000): Promise<T> {
    let found: T | undefined;
    await waitFor(
      async () => {
        const answer = await this.get<T>(path);
        if (answer.status === 200) found = answer.body;
        return answer.status === 200;
      },
      { timeoutMs, intervalMs: 20, message: what },
    );
    return found as T;
  }

  async get<T>(path: string): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  }

  async post<T>(path: string, body: unknown): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
}
