import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { METRICS_STORE } from '../metrics.store';
import { interruptSqlBucketWrites } from '../testing/interrupt-sql-buckets';
import { runMetricsStoreContract, startMetricsStoreApp } from '../testing/metrics-store.contract';

// The server of scripts/services.sh (or POSTGRES_ADMIN_URL, whose role may create
// databases); each test gets a database of its own, dropped afterwards.
// Each test boots the store on a fresh database of a shared server: give it time.
jest.setTimeout(30_000);

const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://events:events@127.0.0.1:5432/events';

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let app: INestApplication | undefined;
let database: string | undefined;

function started(): INestApplication {
  if (!app) throw new Error('no store is open');
  return app;
}

beforeAll(() => requireService('postgres', adminUrl));

runMetricsStoreContract('PostgreSQL', {
  open: async (overrides) => {
    database = `event_hub_metrics_test_${randomUUID().replaceAll('-', '')}`;
    await admin(`create database "${database}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    app = await startMetricsStoreApp('sql', { DATABASE_URL: url.toString() }, overrides);
    return app.get(METRICS_STORE);
  },
  close: async () => {
    await app?.close();
    app = undefined;
    if (database) await admin(`drop database if exists "${database}" with (force)`);
    database = undefined;
  },
  interruptRecords: () => interruptSqlBucketWrites(started()),
});
