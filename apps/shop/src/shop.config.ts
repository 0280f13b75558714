import { MongoConfig } from '@app/persistence/mongo';
import { IsIn } from 'class-validator';

/**
 * What one shop process runs: everything (the default), the HTTP API alone (`api`: REST and
 * GraphQL, commands and reads), or the projector alone (`projector`: the consumer group that
 * keeps the stores; run several to share the partitions).
 */
export const SHOP_ROLES = ['all', 'api', 'projector'] as const;
export type ShopRole = (typeof SHOP_ROLES)[number];

/**
 * shop's settings: the shared ones (README, "Configuration") with its own port. `MONGO_URL`
 * set keeps the stores in MongoDB (production, as in the seed), otherwise in the SQL store of
 * `DATABASE_URL` (SQLite by default).
 */
export class ShopConfig extends MongoConfig {
  override PORT = 3005;

  @IsIn(SHOP_ROLES)
  ROLE: ShopRole = 'all';
}
