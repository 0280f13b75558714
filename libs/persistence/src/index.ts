export * from './config/database-url';
export * from './config/database.config';
export * from './inbox/mikro-orm-inbox.store';
export * from './inbox/processed-event.entity';
export * from './persistence.module';
export * from './persistence.options';
// MongoDB lives in its own entry point, '@app/persistence/mongo', so that apps on SQL
// never load mongoose (~17 MB RSS).
