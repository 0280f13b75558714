import { NotFoundError, validateInput } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Customer, Page, Product, Purchase } from '../store/shop.read-models';
import { SHOP_STORE, type ShopStore } from '../store/shop.store';
import { DEFAULT_PAGE_SIZE, PageDto, PurchaseQueryDto } from './page.input';
import type { ShopQueries } from './shop.commands.port';

/** Reads of the stores, with the paging and filters checked like any input. */
@Injectable()
export class ShopQueriesService implements ShopQueries {
  constructor(@Inject(SHOP_STORE) private readonly store: ShopStore) {}

  async product(productId: string): Promise<Product> {
    return found('product', productId, await this.store.getProduct(productId));
  }

  async products(page: unknown): Promise<Page<Product>> {
    return this.store.listProducts(pageOf(await validateInput(PageDto, page ?? {})));
  }

  async customer(customerId: string): Promise<Customer> {
    return found('customer', customerId, await this.store.getCustomer(customerId));
  }

  async customers(page: unknown): Promise<Page<Customer>> {
    return this.store.listCustomers(pageOf(await validateInput(PageDto, page ?? {})));
  }

  async purchase(purchaseId: string): Promise<Purchase> {
    return found('purchase', purchaseId, await this.store.getPurchase(purchaseId));
  }

  async purchases(filter: unknown): Promise<Page<Purchase>> {
    const { customerId, productId, status, ...page } = await validateInput(
      PurchaseQueryDto,
      filter ?? {},
    );
    return this.store.listPurchases({ customerId, productId, status, ...pageOf(page) });
  }
}

function pageOf({ limit, offset }: PageDto): { limit: number; offset: number } {
  return { limit: limit ?? DEFAULT_PAGE_SIZE, offset: offset ?? 0 };
}

function found<T>(entity: string, key: string, value: T | undefined): T {
  if (value === undefined) throw new NotFoundError(entity, key);
  return value;
}
