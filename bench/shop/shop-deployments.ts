import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, type EventPublisher } from '@app/transport';
import { EventRouter } from '@app/transport/routing';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ShopTopics } from '../../apps/shop/src/events/shop-topics.enum';
import { ShopReplay } from '../../apps/shop/src/replay/shop.replay';
import { type ShopParts, ShopModule } from '../../apps/shop/src/shop.module';
import { SHOP_STORE, type ShopStore } from '../../apps/shop/src/store/shop.store';
import { benchLogger } from '../event-manager/bench-logger';

/** The variables a deployment decides; each boot sets all of them (`undefined` unsets). */
export interface DeploymentEnv {
  readonly DATABASE_URL: string | undefined;
  readonly MONGO_URL: string | undefined;
  readonly KAFKA_BROKERS: string | undefined;
}

/**
 * One deployment of the shop, booted in this process as main.ts boots it, with the handles
 * the phases drive: the bus to load, the projector to start and stop, the replay, the store.
 */
export interface ShopDeployment {
  readonly publisher: EventPublisher;
  /**
   * Makes the projector (group `shop.projector`) ready to start and returns its router
   * (stats, group), which counts from before the start.
   */
  createProjector(): Promise<EventRouter>;
  /** Starts it: it joins its group and projects. */
  startProjector(): Promise<void>;
  /** Stops it: it leaves its group, and writes nothing more. */
  stopProjector(): Promise<void>;
  replay(): ShopReplay;
  /** Read after the projector is up. */
  store(): ShopStore;
  /** Events of `shop_events` the group has not acknowledged. */
  groupLag(group: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The embedded default: ONE app of every part (`ROLE=all`), since the in-memory bus lives in
 * its process and the replay must read the log the projector read. The events are published
 * before the app is started, so the projector starts on a full log, as on Kafka; stopping
 * it closes the router's subscriptions (what the app does on shutdown), leaving the replay.
 */
export async function bootEmbedded(env: DeploymentEnv): Promise<ShopDeployment> {
  const app = await createShop(env, { role: 'all', backend: 'sql' });
  let router: EventRouter | undefined;
  return {
    publisher: app.get<EventPublisher>(EVENT_PUBLISHER),
    createProjector: () => {
      const created = app.get(EventRouter, { strict: false });
      router = created;
      return Promise.resolve(created);
    },
    startProjector: async () => {
      await app.init();
    },
    stopProjector: async () => router?.beforeApplicationShutdown(),
    replay: () => app.get(ShopReplay),
    store: () => app.get<ShopStore>(SHOP_STORE),
    groupLag: (group) => app.get(EVENT_SUBSCRIBER).groupLag(ShopTopics.SHOP_EVENTS, group),
    close: () => app.close(),
  };
}

/**
 * Kafka + MongoDB as deployed: the replay command's process (`replay`: stores and bus, no
 * projector), which also loads the events, and a projector process (`ROLE=projector`)
 * started on the catalogue and closed before the replay.
 */
export async function bootOnKafka(env: DeploymentEnv): Promise<ShopDeployment> {
  const main = await createShop(env, { role: 'replay', backend: 'mongodb' });
  await main.init();
  let projector: INestApplication | undefined;
  return {
    publisher: main.get<EventPublisher>(EVENT_PUBLISHER),
    createProjector: async () => {
      projector = await createShop(env, { role: 'projector', backend: 'mongodb' });
      return projector.get(EventRouter, { strict: false });
    },
    startProjector: async () => {
      await projector?.init();
    },
    stopProjector: async () => {
      await projector?.close();
      projector = undefined;
    },
    replay: () => main.get(ShopReplay),
    store: () => main.get<ShopStore>(SHOP_STORE),
    groupLag: (group) => main.get(EVENT_SUBSCRIBER).groupLag(ShopTopics.SHOP_EVENTS, group),
    close: async () => {
      await projector?.close();
      await main.close();
    },
  };
}

async function createShop(env: DeploymentEnv, parts: ShopParts): Promise<INestApplication> {
  setEnv({
    ...env,
    ROLE: undefined,
    EVENT_BUS: undefined,
    REDIS_URL: undefined,
    JOB_QUEUE: undefined,
    LOG_LEVEL: 'warn',
  });
  return NestFactory.create(ShopModule.forParts(parts), {
    logger: benchLogger,
    abortOnError: false,
  });
}

function setEnv(values: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
