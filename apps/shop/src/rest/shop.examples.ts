import type { Customer, Product, Purchase } from '../store/shop.read-models';

// One small story told by every example in the OpenAPI document: the operator adds five coffee
// grinders, Anna registers and buys two, and her later order of four is refused: three are left.
// The ids are fixed so that the examples refer to one another.

export const EXAMPLE_PRODUCT_ID = '3f8a2c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c';
export const EXAMPLE_CUSTOMER_ID = '9c4e7a2b-1f3d-4b8e-a6c5-7d8e9f0a1b2c';
export const EXAMPLE_PURCHASE_ID = 'b2d4f6a8-3c5e-4a7b-9d1f-2e4a6c8e0b1d';
export const EXAMPLE_REJECTED_PURCHASE_ID = 'c7e9a1b3-5d7f-4c9e-8b2d-4f6a8c0e2a4b';
export const EXAMPLE_EVENT_ID = '0193f1a2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';

export const EXAMPLE_NEW_PRODUCT = { name: 'Młynek do kawy ręczny', price: 149.9, stock: 5 };
export const EXAMPLE_NEW_CUSTOMER = { name: 'Anna Kowalska', email: 'anna.kowalska@example.com' };
export const EXAMPLE_NEW_PURCHASE = {
  customerId: EXAMPLE_CUSTOMER_ID,
  productId: EXAMPLE_PRODUCT_ID,
  quantity: 2,
};

export const EXAMPLE_PRODUCT: Product = {
  productId: EXAMPLE_PRODUCT_ID,
  ...EXAMPLE_NEW_PRODUCT,
  stock: 3,
  addedAt: '2026-11-23T09:15:00.000Z',
};

export const EXAMPLE_OWNED_ITEM = {
  purchaseId: EXAMPLE_PURCHASE_ID,
  productId: EXAMPLE_PRODUCT_ID,
  productName: EXAMPLE_NEW_PRODUCT.name,
  unitPrice: EXAMPLE_NEW_PRODUCT.price,
  quantity: 2,
  purchasedAt: '2026-11-23T10:02:41.000Z',
} as const;

export const EXAMPLE_CUSTOMER: Customer = {
  customerId: EXAMPLE_CUSTOMER_ID,
  ...EXAMPLE_NEW_CUSTOMER,
  registeredAt: '2026-11-23T09:40:12.000Z',
  owned: [EXAMPLE_OWNED_ITEM],
};

export const EXAMPLE_PURCHASE: Purchase = {
  ...EXAMPLE_OWNED_ITEM,
  customerId: EXAMPLE_CUSTOMER_ID,
  status: 'completed',
};

export const EXAMPLE_REJECTED_PURCHASE: Purchase = {
  ...EXAMPLE_PURCHASE,
  purchaseId: EXAMPLE_REJECTED_PURCHASE_ID,
  quantity: 4,
  status: 'rejected',
  reason: `product ${EXAMPLE_PRODUCT_ID} is out of stock: 3 left, 4 asked`,
  purchasedAt: '2026-11-23T10:05:09.000Z',
};
