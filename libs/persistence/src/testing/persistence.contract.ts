import { PlatformModule } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { INBOX_STORE, type InboxStore } from '@app/transport';
import { runInboxStoreContract } from '@app/transport/testing';
import { MikroORM } from '@mikro-orm/core';
import { type INestApplication, Module } from '@nestjs/common';
import { DatabaseConfig } from '../config/database.config';
import { PersistenceModule } from '../persistence.module';

/** A fresh, empty database per test, given as a `DATABASE_URL`. */
export interface TestDatabase {
  create(): Promise<string>;
  drop(url: string): Promise<void>;
}

class TestConfig extends DatabaseConfig {}

@Module({
  imports: [
    PlatformModule.forApp({ name: 'persistence-spec', config: TestConfig }),
    PersistenceModule.forRoot(),
  ],
})
export class SqlTestAppModule {}

/** What PersistenceModule promises on every SQL database it supports. */
export function runPersistenceContract(name: string, database: TestDatabase): void {
  describe(`PersistenceModule on ${name}`, () => {
    let url: string;
    let app: INestApplication | undefined;

    beforeEach(async () => {
      url = await database.create();
    });

    afterEach(async () => {
      await app?.close();
      app = undefined;
      await database.drop(url);
    });

    const start = async (): Promise<INestApplication> => {
      app = await createTestApp(SqlTestAppModule, { DATABASE_URL: url });
      return app;
    };

    const restart = async (): Promise<INestApplication> => {
      await app?.close();
      return start();
    };

    it('runs the migrations at start-up', async () => {
      const orm = (await start()).get(MikroORM);
      const executed = await orm.migrator.getExecuted();
      expect(executed.map((m) => m.name)).toEqual(['M001ProcessedEvents']);
      await expect(orm.migrator.getPending()).resolves.toEqual([]);
    });

    it('applies migrations once: a restart on the same database runs none again', async () => {
      await start();
      const orm = (await restart()).get(MikroORM);
      expect(await orm.migrator.getExecuted()).toHaveLength(1);
    });

    it('keeps processed events across a restart', async () => {
      await (await start()).get<InboxStore>(INBOX_STORE).markProcessed('audit-log', 'evt-3');
      const inbox = (await restart()).get<InboxStore>(INBOX_STORE);
      expect(await inbox.isProcessed('audit-log', 'evt-3')).toBe(true);
    });

    describe('its inbox store', () => {
      runInboxStoreContract(name, async () => (await start()).get(INBOX_STORE));
    });
  });
}
