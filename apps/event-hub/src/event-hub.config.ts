import { DatabaseConfig } from '@app/persistence';

/** event-hub's settings: the shared ones (README, "Configuration") with its own port. */
export class EventHubConfig extends DatabaseConfig {
  override PORT = 8000;
}
