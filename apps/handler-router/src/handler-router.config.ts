import { DatabaseConfig } from '@app/persistence';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/** What one handler-router process runs: both parts (the default), or one of them. */
export const HANDLER_ROUTER_ROLES = ['all', 'api', 'router'] as const;
export type HandlerRouterRole = (typeof HANDLER_ROUTER_ROLES)[number];

/** handler-router's settings: the shared ones (README, "Configuration") plus its own. */
export class HandlerRouterConfig extends DatabaseConfig {
  override PORT = 3002;

  /**
   * `api` serves the admin API, `POST /events/:topic` and the audit log; `router` consumes and
   * routes events (several routers share the topics as one group). Both need a shared bus.
   */
  @IsIn(HANDLER_ROUTER_ROLES)
  ROLE: HandlerRouterRole = 'all';

  /** Partitions of each topic one router handles at once. */
  @Max(64)
  @Min(1)
  @IsInt()
  ROUTER_CONCURRENCY: number = 3;

  /** Most events per batch: one transaction for their audit rows and processed marks. */
  @Max(10_000)
  @Min(1)
  @IsInt()
  ROUTER_BATCH_SIZE: number = 500;
}
