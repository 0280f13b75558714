import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventHubMongoModule } from '../../event-hub-mongo.module';
import { EVENT_STORE } from '../event.store';
import { EventDocumentSchema, EVENT_MODEL } from './event.schema';
import { MongoEventStore } from './mongo-event.store';

/** The events in MongoDB, with the connection, indexes, inbox and readiness check of MONGO_URL. */
@Module({
  imports: [
    EventHubMongoModule,
    MongooseModule.forFeature([{ name: EVENT_MODEL, schema: EventDocumentSchema }]),
  ],
  providers: [{ provide: EVENT_STORE, useClass: MongoEventStore }],
  exports: [EVENT_STORE],
})
export class MongoEventStoreModule {}
