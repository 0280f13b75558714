import { DatabaseConfig } from '@app/persistence';

/** event-manager's settings: the shared ones (README, "Configuration") with its own port. */
export class EventManagerConfig extends DatabaseConfig {
  override PORT = 3001;
}
