import { MongoModule } from '@app/persistence/mongo';
import { Module } from '@nestjs/common';

/**
 * event-hub's one MongoDB connection (MONGO_URL), shared by its events and its metrics. Nest
 * tells modules apart by reference, so two `MongoModule.forRoot()` calls would open two
 * connections with two index builders and two health checks: the stores' Mongo modules both
 * import this class instead, which Nest instantiates once.
 */
@Module({ imports: [MongoModule.forRoot()] })
export class EventHubMongoModule {}
