import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EventHubConfig, EventHubRole } from '../event-hub.config';
import { setUpApiDocs } from './api-docs';

/**
 * JSON one event may take in a batch body: its longest fields (128-character ids, each
 * character escaped as `\uXXXX` at worst) fit well within it, and a typical event takes
 * ~130 bytes, so a full batch is never refused for its size.
 */
const BODY_BYTES_PER_EVENT = 2048;
const BODY_BYTES_BASE = 64 * 1024;

/** The JSON body limit a batch of MAX_BATCH_EVENTS needs (2 MiB for the default 1000). */
export function jsonBodyLimit(maxBatchEvents: number): number {
  return BODY_BYTES_BASE + maxBatchEvents * BODY_BYTES_PER_EVENT;
}

/**
 * What the HTTP API needs before the app listens (main.ts's `beforeListen`, or a test before
 * `app.init()`): a JSON body limit large enough for a full batch (Express's default, 100 kB,
 * holds some 700 events) and the OpenAPI docs at `/docs`.
 */
export function setUpHttpApi(
  app: INestApplication,
  config: Pick<EventHubConfig, 'MAX_BATCH_EVENTS'>,
): void {
  // Registered before init, this parser replaces the default one: Nest adds its own JSON
  // parser only when none is there yet.
  (app as NestExpressApplication).useBodyParser('json', {
    limit: jsonBodyLimit(config.MAX_BATCH_EVENTS),
  });
  setUpApiDocs(app, config);
}

/** Whether a process of this role serves the REST API (EventHubModule's `app` part). */
export function servesHttpApi(role: EventHubRole): boolean {
  return role === 'all' || role === 'app';
}
