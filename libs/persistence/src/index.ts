export * from './config/database-url';
export * from './config/database.config';
export * from './inbox/mikro-orm-inbox.store';
export * from './inbox/processed-event.entity';
export * from './persistence.module';
export * from './persistence.options';
