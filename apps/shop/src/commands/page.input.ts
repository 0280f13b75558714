import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { PurchaseStatus } from '../store/shop.read-models';
import type { PageInput, PurchaseQueryInput } from './shop.commands.port';

export const DEFAULT_PAGE_SIZE = 20;

/** Which page of a list: `limit` items (1..100, 20 by default) after skipping `offset`. */
export class PageDto implements PageInput {
  @Max(100)
  @Min(1)
  @IsInt()
  @IsOptional()
  limit?: number;

  @Min(0)
  @IsInt()
  @IsOptional()
  offset?: number;
}

const STATUSES: readonly PurchaseStatus[] = ['completed', 'rejected'];

/** Purchases, optionally of one customer, of one product, or with one status. */
export class PurchaseQueryDto extends PageDto implements PurchaseQueryInput {
  @IsUUID()
  @IsOptional()
  customerId?: string;

  @IsUUID()
  @IsOptional()
  productId?: string;

  @IsIn(STATUSES, { message: 'status must be completed or rejected' })
  @IsOptional()
  status?: PurchaseStatus;
}
