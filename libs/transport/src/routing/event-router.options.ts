import type { RetryOptions } from '../middleware/retry.middleware';

export interface EventRouterOptions {
  /** Consumer group of the router, on every topic it reads (default `<app name>-router`). */
  readonly group?: string;
  /** Partitions of each topic handled at once (default 3). */
  readonly concurrency?: number;
  /** Most events per batch (default 500): one unit of work, one commit. */
  readonly maxBatchSize?: number;
  /** In-process retries of a throwing handler before it is dead-lettered (default 3 attempts). */
  readonly retry?: RetryOptions;
  /** false: discover and check the handlers, serve `GET /handlers`, but consume nothing. */
  readonly consume?: boolean;
}

export const EVENT_ROUTER_OPTIONS = Symbol('EVENT_ROUTER_OPTIONS');
