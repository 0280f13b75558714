import { Schema } from 'mongoose';

export const PROCESSED_EVENT_MODEL = 'ProcessedEvent';

export interface ProcessedEventDocument {
  consumer: string;
  eventId: string;
  processedAt: Date;
}

/** The inbox in MongoDB: one document per (consumer, event id), unique together. */
export const ProcessedEventSchema = new Schema<ProcessedEventDocument>(
  {
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    processedAt: { type: Date, required: true },
  },
  { collection: 'processed_events', versionKey: false },
);
ProcessedEventSchema.index({ consumer: 1, eventId: 1 }, { unique: true });
