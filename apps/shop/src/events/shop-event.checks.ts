import { validateInput } from '@app/platform';
import { IsEmail, IsInt, IsNumber, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type {
  CustomerRegistered,
  ProductAdded,
  ProductPurchased,
  PurchaseRejected,
} from './shop-event.data';

/*
 * The rules an event's data must meet to be projected. The projector does not trust the
 * topic: anyone with a Kafka client can publish to it, and a malformed event must be
 * dead-lettered with its error (InputValidationError, which the router does not retry),
 * never half-projected. The same rules as the commands, minus the ones only a command can
 * check (an e-mail already taken).
 */

class ProductAddedData implements ProductAdded {
  @IsUUID() productId!: string;
  @Length(1, 200) @IsString() name!: string;
  @Max(1_000_000) @Min(0.01) @IsNumber({ maxDecimalPlaces: 2 }) price!: number;
  @Max(1_000_000) @Min(0) @IsInt() stock!: number;
}

class CustomerRegisteredData implements CustomerRegistered {
  @IsUUID() customerId!: string;
  @Length(1, 200) @IsString() name!: string;
  @IsEmail() @IsString() email!: string;
}

class ProductPurchasedData implements ProductPurchased {
  @IsUUID() purchaseId!: string;
  @IsUUID() customerId!: string;
  @IsUUID() productId!: string;
  @Length(1, 200) @IsString() productName!: string;
  @Max(1_000_000) @Min(0.01) @IsNumber({ maxDecimalPlaces: 2 }) unitPrice!: number;
  @Max(100) @Min(1) @IsInt() quantity!: number;
}

class PurchaseRejectedData extends ProductPurchasedData implements PurchaseRejected {
  @Length(1, 1000) @IsString() reason!: string;
}

export const checkProductAdded = (data: unknown): Promise<ProductAdded> =>
  validateInput(ProductAddedData, data);

export const checkCustomerRegistered = (data: unknown): Promise<CustomerRegistered> =>
  validateInput(CustomerRegisteredData, data);

export const checkProductPurchased = (data: unknown): Promise<ProductPurchased> =>
  validateInput(ProductPurchasedData, data);

export const checkPurchaseRejected = (data: unknown): Promise<PurchaseRejected> =>
  validateInput(PurchaseRejectedData, data);
