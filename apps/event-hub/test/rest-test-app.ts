import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventHubConfig } from '../src/event-hub.config';
import { EventHubModule } from '../src/event-hub.module';
import { setUpHttpApi } from '../src/rest/http-api.setup';

/** The seed's `curl -d` body, word for word. */
export const SEED_BODY = {
  user_id: 'user123',
  event_type: 'purchase',
  amount: 150.75,
  timestamp: '2024-01-15T10:30:00Z',
};

/**
 * event-hub on the embedded default (in-memory SQLite, in-memory stream) set up as main.ts
 * sets it up: `setUpHttpApi` must run before `app.init()`, which createTestApp does at once.
 * Close it with `app.close()`.
 */
export async function createRestTestApp(
  env: Record<string, string> = {},
): Promise<INestApplication> {
  Object.assign(process.env, { DATABASE_URL: 'sqlite::memory:', ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [EventHubModule.forStore('sql')],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  setUpHttpApi(app, app.get(EventHubConfig));
  return app.init();
}

/** Checks `probe` every 20 ms until it answers a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
