import {
  ApiProperty,
  type ApiPropertyOptions,
  ApiPropertyOptional,
  ApiSchema,
} from '@nestjs/swagger';
import type {
  AddProductInput,
  CustomerAccepted,
  ProductAccepted,
  PurchaseAccepted,
  PurchaseInput,
  RegisterCustomerInput,
} from '../commands/shop.commands.port';
import type {
  Customer,
  OwnedItem,
  Page,
  Product,
  Purchase,
  PurchaseStatus,
} from '../store/shop.read-models';
import {
  EXAMPLE_CUSTOMER,
  EXAMPLE_CUSTOMER_ID,
  EXAMPLE_EVENT_ID,
  EXAMPLE_NEW_CUSTOMER,
  EXAMPLE_NEW_PRODUCT,
  EXAMPLE_NEW_PURCHASE,
  EXAMPLE_OWNED_ITEM,
  EXAMPLE_PRODUCT,
  EXAMPLE_PRODUCT_ID,
  EXAMPLE_PURCHASE,
  EXAMPLE_PURCHASE_ID,
  EXAMPLE_REJECTED_PURCHASE,
} from './shop.examples';

// What the OpenAPI document says of the REST API's bodies and answers. The classes exist for
// @nestjs/swagger only: bodies are checked by the shop's commands (commands/*.input.ts), and
// each class implements the port's or read model's type, so the document cannot drift from
// them. The limits repeat the commands' rules, for the reader.

export const PURCHASE_STATUSES: readonly PurchaseStatus[] = ['completed', 'rejected'];

@ApiSchema({ name: 'NewProduct', description: 'A product the operator adds to the shop.' })
export class NewProductDoc implements AddProductInput {
  @ApiProperty({ example: EXAMPLE_NEW_PRODUCT.name, minLength: 1, maxLength: 200 })
  name!: string;

  @ApiProperty({
    example: EXAMPLE_NEW_PRODUCT.price,
    minimum: 0.01,
    maximum: 1_000_000,
    description: 'The unit price, at most two decimals.',
  })
  price!: number;

  @ApiProperty({
    type: 'integer',
    example: EXAMPLE_NEW_PRODUCT.stock,
    minimum: 0,
    maximum: 1_000_000,
    description: 'Units in stock.',
  })
  stock!: number;
}

@ApiSchema({ name: 'NewCustomer', description: 'A customer registering with the shop.' })
export class NewCustomerDoc implements RegisterCustomerInput {
  @ApiProperty({ example: EXAMPLE_NEW_CUSTOMER.name, minLength: 1, maxLength: 200 })
  name!: string;

  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: EXAMPLE_NEW_CUSTOMER.email,
    description: 'Not registered yet; compared and kept in lower case.',
  })
  email!: string;
}

@ApiSchema({ name: 'NewPurchase', description: 'A registered customer buying a product.' })
export class NewPurchaseDoc implements PurchaseInput {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_CUSTOMER_ID })
  customerId!: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_PRODUCT_ID })
  productId!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 1,
    example: EXAMPLE_NEW_PURCHASE.quantity,
  })
  quantity?: number;
}

@ApiSchema({ name: 'ProductAccepted' })
export class ProductAcceptedDoc implements ProductAccepted {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_PRODUCT_ID, description: 'The new product.' })
  productId!: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_EVENT_ID, description: 'Its PRODUCT_ADDED.' })
  eventId!: string;
}

@ApiSchema({ name: 'CustomerAccepted' })
export class CustomerAcceptedDoc implements CustomerAccepted {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_CUSTOMER_ID, description: 'The new customer.' })
  customerId!: string;

  @ApiProperty({
    format: 'uuid',
    example: EXAMPLE_EVENT_ID,
    description: 'Its CUSTOMER_REGISTERED.',
  })
  eventId!: string;
}

@ApiSchema({ name: 'PurchaseAccepted' })
export class PurchaseAcceptedDoc implements PurchaseAccepted {
  @ApiProperty({
    format: 'uuid',
    example: EXAMPLE_PURCHASE_ID,
    description: 'The purchase; GET /purchases/{purchaseId} tells how it ended.',
  })
  purchaseId!: string;

  @ApiProperty({
    format: 'uuid',
    example: EXAMPLE_EVENT_ID,
    description: 'Its PRODUCT_PURCHASED.',
  })
  eventId!: string;
}

@ApiSchema({ name: 'Product', description: 'A product as the store holds it.' })
export class ProductDoc implements Product {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_PRODUCT.productId })
  productId!: string;

  @ApiProperty({ example: EXAMPLE_PRODUCT.name })
  name!: string;

  @ApiProperty({ example: EXAMPLE_PRODUCT.price })
  price!: number;

  @ApiProperty({
    type: 'integer',
    example: EXAMPLE_PRODUCT.stock,
    description: 'Units left: the initial stock less every completed purchase.',
  })
  stock!: number;

  @ApiProperty({
    format: 'date-time',
    example: EXAMPLE_PRODUCT.addedAt,
    description: 'When it was added (its PRODUCT_ADDED event).',
  })
  addedAt!: string;
}

@ApiSchema({ name: 'OwnedItem', description: "One completed purchase in a customer's list." })
export class OwnedItemDoc implements OwnedItem {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_OWNED_ITEM.purchaseId })
  purchaseId!: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_OWNED_ITEM.productId })
  productId!: string;

  @ApiProperty({
    example: EXAMPLE_OWNED_ITEM.productName,
    description: "The product's name when it was bought.",
  })
  productName!: string;

  @ApiProperty({
    example: EXAMPLE_OWNED_ITEM.unitPrice,
    description: "The product's price when it was bought.",
  })
  unitPrice!: number;

  @ApiProperty({ type: 'integer', example: EXAMPLE_OWNED_ITEM.quantity })
  quantity!: number;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_OWNED_ITEM.purchasedAt })
  purchasedAt!: string;
}

@ApiSchema({ name: 'Customer', description: 'A registered customer with what they own.' })
export class CustomerDoc implements Customer {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_CUSTOMER.customerId })
  customerId!: string;

  @ApiProperty({ example: EXAMPLE_CUSTOMER.name })
  name!: string;

  @ApiProperty({ format: 'email', example: EXAMPLE_CUSTOMER.email })
  email!: string;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_CUSTOMER.registeredAt })
  registeredAt!: string;

  @ApiProperty({
    type: [OwnedItemDoc],
    description: 'Completed purchases, oldest first.',
  })
  owned!: OwnedItemDoc[];
}

@ApiSchema({
  name: 'Purchase',
  description:
    'A purchase once the projector has decided it: `completed` (stock taken, the item owned) or `rejected` with the reason.',
})
export class PurchaseDoc implements Purchase {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_PURCHASE.purchaseId })
  purchaseId!: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_PURCHASE.customerId })
  customerId!: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_PURCHASE.productId })
  productId!: string;

  @ApiProperty({ example: EXAMPLE_PURCHASE.productName })
  productName!: string;

  @ApiProperty({ example: EXAMPLE_PURCHASE.unitPrice })
  unitPrice!: number;

  @ApiProperty({ type: 'integer', example: EXAMPLE_PURCHASE.quantity })
  quantity!: number;

  @ApiProperty({ enum: PURCHASE_STATUSES, example: EXAMPLE_PURCHASE.status })
  status!: PurchaseStatus;

  @ApiPropertyOptional({
    example: EXAMPLE_REJECTED_PURCHASE.reason,
    description: 'Why it was rejected; absent when completed.',
  })
  reason?: string;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_PURCHASE.purchasedAt })
  purchasedAt!: string;
}

/** The whole list's size beside one page of it. */
const TOTAL: ApiPropertyOptions = {
  type: 'integer',
  example: 1,
  description: 'How many the whole list holds.',
};

@ApiSchema({ name: 'ProductPage', description: 'Products, newest first.' })
export class ProductPageDoc implements Page<Product> {
  @ApiProperty({ type: [ProductDoc] })
  items!: ProductDoc[];

  @ApiProperty(TOTAL)
  total!: number;
}

@ApiSchema({ name: 'CustomerPage', description: 'Customers, newest first.' })
export class CustomerPageDoc implements Page<Customer> {
  @ApiProperty({ type: [CustomerDoc] })
  items!: CustomerDoc[];

  @ApiProperty(TOTAL)
  total!: number;
}

@ApiSchema({ name: 'PurchasePage', description: 'Purchases, newest first.' })
export class PurchasePageDoc implements Page<Purchase> {
  @ApiProperty({ type: [PurchaseDoc] })
  items!: PurchaseDoc[];

  @ApiProperty(TOTAL)
  total!: number;
}
