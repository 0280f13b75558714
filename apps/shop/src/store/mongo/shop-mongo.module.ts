import { MongoModule } from '@app/persistence/mongo';
import { Module } from '@nestjs/common';

/**
 * The shop's one MongoDB connection (MONGO_URL), with its indexes, inbox store and readiness
 * check. Nest tells modules apart by reference, so two `MongoModule.forRoot()` calls would
 * open two connections: whatever else of the shop needs MongoDB imports this class, which
 * Nest instantiates once.
 */
@Module({ imports: [MongoModule.forRoot()] })
export class ShopMongoModule {}
