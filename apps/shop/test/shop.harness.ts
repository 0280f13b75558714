import { validateConfig } from '@app/platform/config/validate-config';
import { chooseTransport, EVENT_PUBLISHER, EVENT_SUBSCRIBER } from '@app/transport';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ShopReplay } from '../src/replay/shop.replay';
import { setUpShopApiDocs } from '../src/rest/api-docs';
import { ShopConfig } from '../src/shop.config';
import { servesShopApi, ShopModule } from '../src/shop.module';
import { ShopClient } from './shop.client';
import type { ShopUnderTest } from './shop.scenarios';

export interface RunningShop {
  readonly app: INestApplication;
  readonly shop: ShopUnderTest;
  close(): Promise<void>;
}

/**
 * The shop in this process, put together from `env` as main.ts does (ROLE, MONGO_URL,
 * KAFKA_BROKERS, ...), its API on a free port, with what the scenarios drive it by: a REST
 * client, the bus, and the replay.
 */
export async function startShop(env: Record<string, string>): Promise<RunningShop> {
  Object.assign(process.env, env);
  const config = validateConfig(ShopConfig, process.env);
  const moduleRef = await Test.createTestingModule({
    imports: [ShopModule.forConfig(config)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  if (servesShopApi(config.ROLE)) setUpShopApiDocs(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    shop: {
      client: new ShopClient(`http://127.0.0.1:${port}`),
      publisher: app.get(EVENT_PUBLISHER),
      subscriber: app.get(EVENT_SUBSCRIBER),
      logIsOwn: chooseTransport(config).eventBus === 'memory',
      replay: () => app.get(ShopReplay).run(),
    },
    close: () => app.close(),
  };
}
