import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HandlerRouterModule } from '../../apps/handler-router/src/handler-router.module';
import { benchLogger } from './bench-logger';

/**
 * The variables a setup decides; each boot sets all of them (`undefined` unsets), so one
 * setup's choice (KAFKA_BROKERS, say) never leaks into the next.
 */
export interface SetupEnv {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string | undefined;
}

export interface RouterSettings {
  readonly batchSize: number;
  readonly concurrency: number;
}

export interface BootedRouter {
  readonly app: INestApplication;
  /** When `NestFactory.create` was called and when `init` resolved (`performance.now()`). */
  readonly startedAt: number;
  readonly readyAt: number;
}

/**
 * The real handler-router root module with ROLE=router, booted in this process as
 * `main.ts` boots it (config from `process.env`, LOG_LEVEL=warn), but only initialised: a
 * router needs no HTTP listener. Its subscriptions join their groups in the background, as
 * in production.
 */
export async function bootRouter(env: SetupEnv, settings: RouterSettings): Promise<BootedRouter> {
  setEnv({
    ...env,
    ROLE: 'router',
    EVENT_BUS: undefined,
    REDIS_URL: undefined,
    JOB_QUEUE: undefined,
    LOG_LEVEL: 'warn',
    ROUTER_BATCH_SIZE: String(settings.batchSize),
    ROUTER_CONCURRENCY: String(settings.concurrency),
  });
  const startedAt = performance.now();
  const module = HandlerRouterModule.forRole('router', {
    ROUTER_BATCH_SIZE: settings.batchSize,
    ROUTER_CONCURRENCY: settings.concurrency,
  });
  const app = await NestFactory.create(module, { logger: benchLogger, abortOnError: false });
  try {
    await app.init();
    return { app, startedAt, readyAt: performance.now() };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

function setEnv(values: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
