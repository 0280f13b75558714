import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';

/**
 * Brings the schema up to date before the app serves anything. Migrations are listed
 * in code (not discovered from files), so a bundled build carries them.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    const applied = await this.orm.migrator.up();
    if (applied.length > 0) this.logger.log(`applied ${applied.map((m) => m.name).join(', ')}`);
  }
}
