import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PipelineModule } from '../pipeline/pipeline.module';
import { EventStorageConsumer } from './event-storage.consumer';

/** The storage consumer group's member (role `storage-consumer`, or `all`). */
@Module({
  imports: [PipelineModule, TerminusModule],
  providers: [EventStorageConsumer],
  exports: [EventStorageConsumer],
})
export class EventStorageModule {}
