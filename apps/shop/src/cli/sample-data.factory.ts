import { base, en, Faker } from '@faker-js/faker';
import type {
  AddProductInput,
  PurchaseInput,
  RegisterCustomerInput,
} from '../commands/shop.commands.port';
import type { Customer, Product } from '../store/shop.read-models';

/** Whole units a sample product starts with: enough to buy from, few enough to run out. */
export const STOCK_RANGE = { min: 5, max: 250 } as const;

/**
 * Sample prices: whole amounts spread log-uniformly (many cheap things, a few dear ones, as
 * in a real shop), each with a shop-like ending. Every price has at most two decimals, as
 * the shop demands.
 */
export const PRICE_RANGE = { min: 1, max: 1_999.99 } as const;
const PRICE_ENDINGS_CENTS = [99, 99, 99, 49, 95, 0] as const;

/** Units one random purchase asks for, at most what is left. */
export const RANDOM_QUANTITY_RANGE = { min: 1, max: 3 } as const;

/** A purchase `buy --random` will ask for, with the names to print beside its id. */
export interface PlannedPurchase extends Required<PurchaseInput> {
  readonly customerName: string;
  readonly productName: string;
}

/**
 * Realistic sample customers, products and purchases, the same ones for the same seed (with
 * this version of Faker). One factory is one run: the e-mails it makes never repeat (the
 * shop refuses a second customer with one), nor do its product names (two products of one
 * name would be hard to tell apart in a list).
 */
export class SampleDataFactory {
  private readonly faker = new Faker({ locale: [en, base] });
  private readonly emails = new Set<string>();
  private readonly productNames = new Set<string>();

  constructor(readonly seed: number) {
    this.faker.seed(seed);
  }

  customers(count: number): RegisterCustomerInput[] {
    return Array.from({ length: count }, () => this.customer());
  }

  products(count: number): AddProductInput[] {
    return Array.from({ length: count }, () => this.product());
  }

  /**
   * `count` purchases of products still in stock by the given customers, never asking for
   * more units than the products had left less what the earlier ones asked. Fewer when the
   * stock runs out; none without customers.
   */
  purchases(
    count: number,
    customers: readonly Pick<Customer, 'customerId' | 'name'>[],
    products: readonly Pick<Product, 'productId' | 'name' | 'stock'>[],
  ): PlannedPurchase[] {
    const left = new Map(products.map((product) => [product.productId, product.stock]));
    const planned: PlannedPurchase[] = [];
    const { helpers, number } = this.faker;
    while (planned.length < count && customers.length) {
      const inStock = products.filter((product) => (left.get(product.productId) ?? 0) > 0);
      if (!inStock.length) break;
      const customer = helpers.arrayElement(customers);
      const product = helpers.arrayElement(inStock);
      const units = left.get(product.productId) ?? 0;
      const quantity = number.int({
        min: RANDOM_QUANTITY_RANGE.min,
        max: Math.min(RANDOM_QUANTITY_RANGE.max, units),
      });
      left.set(product.productId, units - quantity);
      planned.push({
        customerId: customer.customerId,
        productId: product.productId,
        quantity,
        customerName: customer.name,
        productName: product.name,
      });
    }
    return planned;
  }

  private customer(): RegisterCustomerInput {
    const { person, internet } = this.faker;
    const sex = person.sexType();
    const firstName = person.firstName(sex);
    const lastName = person.lastName(sex);
    // example.com and the like: made-up people must not get addresses that may be real.
    // Lower case, as the shop keeps and compares them.
    const email = this.unique(this.emails, () =>
      internet.exampleEmail({ firstName, lastName }).toLowerCase(),
    );
    return { name: `${firstName} ${lastName}`, email };
  }

  private product(): AddProductInput {
    const { commerce, helpers, number } = this.faker;
    const name = this.unique(this.productNames, () => commerce.productName());
    const largestWhole = Math.floor(PRICE_RANGE.max);
    const logWhole = number.float({
      min: Math.log(PRICE_RANGE.min),
      max: Math.log(largestWhole + 1),
    });
    const whole = Math.min(Math.floor(Math.exp(logWhole)), largestWhole);
    // Whole cents over 100: the nearest double prints with at most two decimals.
    const price = (whole * 100 + helpers.arrayElement(PRICE_ENDINGS_CENTS)) / 100;
    const stock = number.int(STOCK_RANGE);
    return { name, price, stock };
  }

  /**
   * A value not made before in this run: a few fresh tries (the names stay natural), then
   * the last try with the first number that makes it new.
   */
  private unique(made: Set<string>, make: () => string): string {
    let value = make();
    for (let attempt = 0; made.has(value) && attempt < 5; attempt += 1) value = make();
    const taken = value;
    for (let n = 2; made.has(value); n += 1) value = numbered(taken, n);
    made.add(value);
    return value;
  }
}

/** `anna@example.com` → `anna.2@example.com`; `Soft Chair` → `Soft Chair 2`. */
function numbered(value: string, n: number): string {
  const at = value.lastIndexOf('@');
  return at > 0 ? `${value.slice(0, at)}.${n}${value.slice(at)}` : `${value} ${n}`;
}
