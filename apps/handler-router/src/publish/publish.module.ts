import { Module } from '@nestjs/common';
import { EventProducer } from './event-producer';
import { EventsController } from './events.controller';

/** The producing side's helper (`EventProducer.emit`) and `POST /events/:topic`. */
@Module({
  controllers: [EventsController],
  providers: [EventProducer],
  exports: [EventProducer],
})
export class PublishModule {}
