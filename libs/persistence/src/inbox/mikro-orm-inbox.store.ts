import type { InboxStore } from '@app/transport';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { ProcessedEventSchema } from './processed-event.entity';

/** The inbox on the app's SQL store, so "already handled" survives restarts. */
@Injectable()
export class MikroOrmInboxStore implements InboxStore {
  constructor(private readonly em: EntityManager) {}

  async isProcessed(consumer: string, eventId: string): Promise<boolean> {
    const found = await this.em.fork().count(ProcessedEventSchema, { consumer, eventId });
    return found > 0;
  }

  async markProcessed(consumer: string, eventId: string): Promise<void> {
    try {
      await this.em
        .fork()
        .insert(ProcessedEventSchema, { consumer, eventId, processedAt: new Date() });
    } catch (error) {
      // A concurrent delivery of the same event got there first: it is processed either way.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }
}
