import { ConflictError } from '@app/platform';

/**
 * A purchase asks for more units than are left: a conflict with the stored stock (HTTP 409,
 * GraphQL CONFLICT) on the `quantity` field, which may succeed later if stock comes back.
 */
export class OutOfStockError extends ConflictError {
  constructor(productId: string, left: number, asked: number) {
    super('product', 'quantity', String(asked));
    this.message = `product ${productId} is out of stock: ${left} left, ${asked} asked`;
  }
}
