import type { MongoConfig } from '@app/persistence/mongo';
import { type DynamicModule, Module, type Type } from '@nestjs/common';

type MongoModuleFile = typeof import('./mongo/mongo-event-store.module');
type SqlModuleFile = typeof import('./sql/sql-event-store.module');

/** Where the events are kept: `MONGO_URL` set means MongoDB, otherwise the SQL store. */
export type EventStoreBackend = 'mongodb' | 'sql';

export function eventStoreBackend(config: Pick<MongoConfig, 'MONGO_URL'>): EventStoreBackend {
  return config.MONGO_URL ? 'mongodb' : 'sql';
}

/**
 * Provides EVENT_STORE from the backend's module, which also brings that backend's
 * connection, migrations or indexes, inbox store and readiness check. The one place the
 * backend is chosen; everything else injects EVENT_STORE.
 *
 * The module is loaded on demand, so the embedded default never loads mongoose (~17 MB RSS)
 * and a MongoDB deployment never opens a SQLite file.
 */
@Module({})
export class EventStoreModule {
  static forBackend(backend: EventStoreBackend): DynamicModule {
    const store = backend === 'mongodb' ? loadMongoModule() : loadSqlModule();
    return { module: EventStoreModule, global: true, imports: [store], exports: [store] };
  }
}

// `require`, not `import()`: the app is CommonJS, and a relative `import()` would need a
// file extension that neither jest nor the bundler resolves to the TypeScript source.
function loadMongoModule(): Type {
  const loaded = require('./mongo/mongo-event-store.module') as MongoModuleFile;
  return loaded.MongoEventStoreModule;
}

function loadSqlModule(): Type {
  const loaded = require('./sql/sql-event-store.module') as SqlModuleFile;
  return loaded.SqlEventStoreModule;
}
