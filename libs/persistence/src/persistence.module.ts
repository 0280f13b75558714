import { INBOX_STORE } from '@app/transport';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './health/database.health';
import { MikroOrmInboxStore } from './inbox/mikro-orm-inbox.store';
import { MigrationRunner } from './migrations/migration-runner';
import { OrmOptionsFactory } from './mikro-orm-options.factory';
import { PERSISTENCE_OPTIONS, type PersistenceOptions } from './persistence.options';

/**
 * The app's SQL store: SQLite under `data/` by default, PostgreSQL when `DATABASE_URL`
 * says so; migrations run at start-up; the inbox store and a readiness check come with it.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions = {}): DynamicModule {
    const optionsProvider = { provide: PERSISTENCE_OPTIONS, useValue: options };
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        MikroOrmModule.forRootAsync({
          useClass: OrmOptionsFactory,
          providers: [optionsProvider],
        }),
        TerminusModule,
      ],
      providers: [
        MigrationRunner,
        DatabaseHealthIndicator,
        { provide: INBOX_STORE, useClass: MikroOrmInboxStore },
      ],
      exports: [INBOX_STORE],
    };
  }
}
