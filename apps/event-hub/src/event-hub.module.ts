import { Module } from '@nestjs/common';
import { EventHubController } from './event-hub.controller';
import { EventHubService } from './event-hub.service';

@Module({
  imports: [],
  controllers: [EventHubController],
  providers: [EventHubService],
})
export class EventHubModule {}
