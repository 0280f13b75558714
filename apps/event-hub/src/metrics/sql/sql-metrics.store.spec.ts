import type { INestApplication } from '@nestjs/common';
import { METRICS_STORE } from '../metrics.store';
import { interruptSqlBucketWrites } from '../testing/interrupt-sql-buckets';
import { runMetricsStoreContract, startMetricsStoreApp } from '../testing/metrics-store.contract';

// The embedded default: SQLite, a fresh in-memory database for each test.
let app: INestApplication | undefined;

function started(): INestApplication {
  if (!app) throw new Error('no store is open');
  return app;
}

runMetricsStoreContract('SQLite', {
  open: async (overrides) => {
    app = await startMetricsStoreApp('sql', { DATABASE_URL: 'sqlite::memory:' }, overrides);
    return app.get(METRICS_STORE);
  },
  close: async () => {
    await app?.close();
    app = undefined;
  },
  interruptRecords: () => interruptSqlBucketWrites(started()),
});
