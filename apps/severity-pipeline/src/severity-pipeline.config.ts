import { DatabaseConfig } from '@app/persistence';

/** severity-pipeline's settings: the shared ones (README, "Configuration") with its own port. */
export class SeverityPipelineConfig extends DatabaseConfig {
  override PORT = 3003;
}
