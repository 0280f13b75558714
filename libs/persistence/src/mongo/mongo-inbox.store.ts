import type { InboxStore } from '@app/transport';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { PROCESSED_EVENT_MODEL, type ProcessedEventDocument } from './processed-event.schema';

const DUPLICATE_KEY = 11000;

/** The inbox in MongoDB, for apps whose store is MongoDB. */
@Injectable()
export class MongoInboxStore implements InboxStore {
  constructor(
    @InjectModel(PROCESSED_EVENT_MODEL) private readonly model: Model<ProcessedEventDocument>,
  ) {}

  async isProcessed(consumer: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ consumer, eventId })) !== null;
  }

  async markProcessed(consumer: string, eventId: string): Promise<void> {
    try {
      await this.model.create({ consumer, eventId, processedAt: new Date() });
    } catch (error) {
      // The unique index saw this pair already: it is processed either way.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
  }
}
