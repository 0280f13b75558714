import { AppConfig } from '@app/platform';
import { INBOX_STORE } from '@app/transport';
import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { MongoConfig } from './mongo.config';
import { MongoHealthIndicator } from './mongo.health';
import { MongoInboxStore } from './mongo-inbox.store';
import { MongoIndexes } from './mongo-indexes';
import { PROCESSED_EVENT_MODEL, ProcessedEventSchema } from './processed-event.schema';

/**
 * The app's MongoDB store from `MONGO_URL`: the mongoose connection, indexes created at
 * start-up, a readiness check, and the inbox store kept in MongoDB.
 */
@Module({})
export class MongoModule {
  static forRoot(): DynamicModule {
    return {
      module: MongoModule,
      global: true,
      imports: [
        MongooseModule.forRootAsync({
          inject: [AppConfig],
          // MongoIndexes creates collections and indexes at start-up, once: mongoose's own
          // autoCreate raced it on a fresh database ("...already existed" on the wire server).
          useFactory: (config: AppConfig) => ({
            uri: mongoUrl(config),
            autoIndex: false,
            autoCreate: false,
          }),
        }),
        MongooseModule.forFeature([{ name: PROCESSED_EVENT_MODEL, schema: ProcessedEventSchema }]),
        TerminusModule,
      ],
      providers: [
        MongoIndexes,
        MongoHealthIndicator,
        { provide: INBOX_STORE, useClass: MongoInboxStore },
      ],
      exports: [INBOX_STORE, MongooseModule],
    };
  }
}

function mongoUrl(config: AppConfig): string {
  const url = config instanceof MongoConfig ? config.MONGO_URL : undefined;
  if (!url) {
    throw new Error('MONGO_URL must be set to use MongoDB (like mongodb://127.0.0.1:27017/events)');
  }
  return url;
}
