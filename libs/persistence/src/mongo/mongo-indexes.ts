import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * Creates every model's indexes before the app serves anything (mongoose's autoIndex would
 * build them in the background and hide a failure): a unique index is a correctness rule.
 */
@Injectable()
export class MongoIndexes implements OnModuleInit {
  private readonly logger = new Logger('MongoIndexes');

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onModuleInit(): Promise<void> {
    const models = Object.values(this.connection.models);
    await Promise.all(models.map((model) => model.createIndexes()));
    this.logger.log(`indexes ready for ${models.map((model) => model.modelName).join(', ')}`);
  }
}
