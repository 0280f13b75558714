import { DatabaseConfig } from '@app/persistence';

/** shop's settings: the shared ones (README, "Configuration") with its own port. */
export class ShopConfig extends DatabaseConfig {
  override PORT = 3005;
}
