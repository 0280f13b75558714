import { IsOptional, Matches } from 'class-validator';
import { DatabaseConfig } from '../config/database.config';

/**
 * Config of an app that can keep its data in MongoDB: `MONGO_URL` set selects it (the
 * MongoDB wire protocol: MongoDB itself, or the wire server of scripts/services.sh).
 */
export class MongoConfig extends DatabaseConfig {
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, {
    message: 'MONGO_URL must be a MongoDB connection string like mongodb://127.0.0.1:27017/events',
  })
  MONGO_URL?: string;
}
