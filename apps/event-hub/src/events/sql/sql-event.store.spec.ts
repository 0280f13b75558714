import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE } from '../event.store';
import { runEventStoreContract, startEventStoreApp } from '../testing/event-store.contract';

// The embedded default: SQLite, a fresh in-memory database for each test.
let app: INestApplication | undefined;

runEventStoreContract('SQLite', {
  open: async () => {
    app = await startEventStoreApp('sql', { DATABASE_URL: 'sqlite::memory:' });
    return app.get(EVENT_STORE);
  },
  close: async () => {
    await app?.close();
    app = undefined;
  },
});
