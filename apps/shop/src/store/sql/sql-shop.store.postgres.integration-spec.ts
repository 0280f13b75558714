import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import { Client } from 'pg';
import { openedStore, startShopStoreApp } from '../testing/shop-store.app';
import { runShopStoreContract } from '../testing/shop-store.contract';
import { SqlShopStoreModule } from './sql-shop-store.module';

// The server of scripts/services.sh (or POSTGRES_ADMIN_URL, whose role may create
// databases). The suite gets a database of its own, `shop_test_<uuid>`, dropped afterwards:
// the server is shared.
const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://events:events@127.0.0.1:5432/events';

// The suite boots the store on a fresh database of a shared server: give it time.
jest.setTimeout(30_000);

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

runShopStoreContract('PostgreSQL', async () => {
  await requireService('postgres', adminUrl);
  const database = `shop_test_${randomUUID().replaceAll('-', '')}`;
  await admin(`create database "${database}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const app = await startShopStoreApp(SqlShopStoreModule, { DATABASE_URL: url.toString() });
  // The app's connections close first: a database in use cannot be dropped.
  const opened = openedStore(app);
  return {
    store: opened.store,
    close: async () => {
      await opened.close();
      await admin(`drop database if exists "${database}" with (force)`);
    },
  };
});
