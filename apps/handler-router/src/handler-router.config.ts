import { DatabaseConfig } from '@app/persistence';

/** handler-router's settings: the shared ones (README, "Configuration") with its own port. */
export class HandlerRouterConfig extends DatabaseConfig {
  override PORT = 3002;
}
