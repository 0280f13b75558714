import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import { ConflictError, NotFoundError, validateInput } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { customerRegistered, productAdded, productPurchased } from '../events/shop-event.envelopes';
import { ShopTopics } from '../events/shop-topics.enum';
import { SHOP_STORE, type ShopStore } from '../store/shop.store';
import { AddProductDto } from './add-product.input';
import { OutOfStockError } from './out-of-stock.error';
import { PurchaseDto } from './purchase.input';
import { RegisterCustomerDto } from './register-customer.input';
import type {
  CustomerAccepted,
  ProductAccepted,
  PurchaseAccepted,
  ShopCommands,
} from './shop.commands.port';

/**
 * The seed's "define the action": each command checks its input and what the stores say,
 * then publishes one event to `shop_events` and returns the ids at once. Only the projector
 * writes the stores, so a replay of the log rebuilds everything a command ever did.
 *
 * The checks against the stores are the friendly first line (a clear 404 or 409 before any
 * event exists); the projector has the last word on a purchase, since another customer may
 * take the last unit between the check and the projection.
 */
@Injectable()
export class ShopCommandsService implements ShopCommands {
  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(SHOP_STORE) private readonly store: ShopStore,
  ) {}

  async addProduct(input: unknown): Promise<ProductAccepted> {
    const { name, price, stock } = await validateInput(AddProductDto, input);
    const event = productAdded({ productId: randomUUID(), name, price, stock });
    await this.publisher.publish(ShopTopics.SHOP_EVENTS, event);
    return { productId: event.data.productId, eventId: event.id };
  }

  async registerCustomer(input: unknown): Promise<CustomerAccepted> {
    const { name, email } = await validateInput(RegisterCustomerDto, input);
    if (await this.store.findCustomerByEmail(email)) {
      throw new ConflictError('customer', 'email', email);
    }
    const event = customerRegistered({ customerId: randomUUID(), name, email });
    await this.publisher.publish(ShopTopics.SHOP_EVENTS, event);
    return { customerId: event.data.customerId, eventId: event.id };
  }

  async purchase(input: unknown): Promise<PurchaseAccepted> {
    const checked = await validateInput(PurchaseDto, input);
    const { customerId, productId } = checked;
    // Absent or null (`@IsOptional` lets null through): one unit.
    const quantity = checked.quantity ?? 1;
    const [customer, product] = await Promise.all([
      this.store.getCustomer(customerId),
      this.store.getProduct(productId),
    ]);
    if (!customer) throw new NotFoundError('customer', customerId);
    if (!product) throw new NotFoundError('product', productId);
    if (product.stock < quantity) throw new OutOfStockError(productId, product.stock, quantity);
    const event = productPurchased({
      purchaseId: randomUUID(),
      customerId,
      productId,
      productName: product.name,
      unitPrice: product.price,
      quantity,
    });
    await this.publisher.publish(ShopTopics.SHOP_EVENTS, event);
    return { purchaseId: event.data.purchaseId, eventId: event.id };
  }
}
