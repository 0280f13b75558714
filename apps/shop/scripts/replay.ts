/*
 * Rebuilds the shop's stores from the `shop_events` log (issue 17's replay command):
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 MONGO_URL=mongodb://127.0.0.1:27017/shop npm run shop:replay
 *
 * Stop the projector first (ROLE=all or ROLE=projector processes): it would write into the
 * stores while they are rebuilt. Reads the same settings as the app. Refuses to run on the
 * in-memory bus, whose log lives inside the running app and not in this process: emptying
 * the stores and finding no log would lose them.
 */
import { validateConfig } from '@app/platform/config/validate-config';
import { chooseTransport } from '@app/transport';
import { NestFactory } from '@nestjs/core';
import { ReplayProgressPrinter } from '../src/replay/replay.progress';
import { ShopReplay } from '../src/replay/shop.replay';
import { ShopConfig } from '../src/shop.config';
import { ShopModule } from '../src/shop.module';
import { shopStoreBackend } from '../src/store/shop-store.module';

async function main(): Promise<number> {
  const config = validateConfig(ShopConfig, process.env);
  if (chooseTransport(config).eventBus === 'memory') {
    process.stderr.write(
      'shop:replay: the log is on Kafka (set KAFKA_BROKERS, or EVENT_BUS=redis with ' +
        "REDIS_URL); the embedded default's log lives inside the running app\n",
    );
    return 1;
  }
  const app = await NestFactory.createApplicationContext(
    ShopModule.forParts({ role: 'replay', backend: shopStoreBackend(config) }),
    { logger: ['error', 'warn'] },
  );
  try {
    const printer = new ReplayProgressPrinter(
      (text) => process.stdout.write(text),
      process.stdout.isTTY === true,
    );
    printer.finish(await app.get(ShopReplay).run((progress) => printer.report(progress)));
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `shop:replay: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
