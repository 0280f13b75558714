import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { EventManagerRole } from '../../apps/event-manager/src/event-manager.config';
import { EventManagerModule } from '../../apps/event-manager/src/event-manager.module';
import { benchLogger } from './bench-logger';

/**
 * The variables a setup decides; each boot sets all of them (`undefined` unsets), so one
 * setup's choice (KAFKA_BROKERS, say) never leaks into the next. The consumer's own settings
 * (CONSUMER_BATCH_SIZE, CONSUMER_CONCURRENCY) are left to the caller's environment.
 */
export interface SetupEnv {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string | undefined;
}

export interface BootOptions {
  readonly listen: boolean;
  /**
   * Runs between `NestFactory.create` and the app's start (where the consumer joins its
   * group): the moment to hook onto the app before any event is stored.
   */
  readonly onCreated?: (app: INestApplication) => void;
}

export interface BootedApp {
  readonly app: INestApplication;
  /** `http://127.0.0.1:<port>/graphql`, when the app listens. */
  readonly graphqlUrl: string | undefined;
  /** When `NestFactory.create` was called and when the app was up (`performance.now()`). */
  readonly startedAt: number;
  readonly readyAt: number;
  /** `process.cpuUsage()` at `readyAt`: the CPU the app spends once up is measured from it. */
  readonly cpuAtReady: NodeJS.CpuUsage;
}

/**
 * The real event-manager root module for one role, booted in this process as `main.ts`
 * boots it (config from `process.env`), listening on a free port of 127.0.0.1 when
 * `listen`; otherwise only initialised (a consumer needs no HTTP, but starts the same way).
 */
export async function bootEventManager(
  role: EventManagerRole,
  env: SetupEnv,
  options: BootOptions,
): Promise<BootedApp> {
  setEnv({
    ...env,
    ROLE: role,
    EVENT_BUS: undefined,
    REDIS_URL: undefined,
    JOB_QUEUE: undefined,
    LOG_LEVEL: 'warn',
  });
  const startedAt = performance.now();
  const app = await NestFactory.create(EventManagerModule.forRole(role), {
    logger: benchLogger,
    abortOnError: false,
  });
  try {
    options.onCreated?.(app);
    if (!options.listen) {
      await app.init();
      return { app, graphqlUrl: undefined, startedAt, ...ready() };
    }
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return { app, graphqlUrl: `http://127.0.0.1:${port}/graphql`, startedAt, ...ready() };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

function ready(): Pick<BootedApp, 'readyAt' | 'cpuAtReady'> {
  return { readyAt: performance.now(), cpuAtReady: process.cpuUsage() };
}

function setEnv(values: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
