import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { PurchaseInput } from './shop.commands.port';

/** A customer buying a product: ids as the shop assigned them, a quantity of 1 by default. */
export class PurchaseDto implements PurchaseInput {
  @IsUUID()
  customerId!: string;

  @IsUUID()
  productId!: string;

  @Max(100)
  @Min(1)
  @IsInt()
  @IsOptional()
  quantity?: number;
}
