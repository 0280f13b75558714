import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlatformModule } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { INBOX_STORE, type InboxStore } from '@app/transport';
import { runInboxStoreContract } from '@app/transport/testing';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DatabaseConfig } from './config/database.config';
import { PersistenceModule } from './persistence.module';

class TestConfig extends DatabaseConfig {}

@Module({
  imports: [
    PlatformModule.forApp({ name: 'persistence-spec', config: TestConfig }),
    PersistenceModule.forRoot(),
  ],
})
class TestAppModule {}

describe('PersistenceModule on SQLite', () => {
  let dir: string;
  let app: INestApplication | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'persistence-spec-'));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    app = await createTestApp(TestAppModule, {
      DATABASE_URL: `sqlite:${join(dir, 'nested', 'app.sqlite')}`,
    });
    return app;
  };

  it('creates the database file and runs the migrations at start-up', async () => {
    const orm = (await start()).get(MikroORM);
    const executed = await orm.migrator.getExecuted();
    expect(executed.map((m) => m.name)).toEqual(['M001ProcessedEvents']);
    await expect(orm.migrator.getPending()).resolves.toEqual([]);
  });

  it('applies migrations once: a restart on the same file runs none again', async () => {
    await start();
    await app!.close();
    const orm = (await start()).get(MikroORM);
    expect(await orm.migrator.getExecuted()).toHaveLength(1);
  });

  describe('its inbox store', () => {
    runInboxStoreContract('MikroORM on SQLite', async () => (await start()).get(INBOX_STORE));
  });

  it('keeps processed events across a restart', async () => {
    await (await start()).get<InboxStore>(INBOX_STORE).markProcessed('audit-log', 'evt-3');
    await app!.close();
    const inbox = (await start()).get<InboxStore>(INBOX_STORE);
    expect(await inbox.isProcessed('audit-log', 'evt-3')).toBe(true);
  });
});
