// The MongoDB store: import from '@app/persistence/mongo'. An entry point of its own, so
// apps on the SQL store never load mongoose.
export * from './mongo.config';
export * from './mongo.module';
export * from './mongo-inbox.store';
