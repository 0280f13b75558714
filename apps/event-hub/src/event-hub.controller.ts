import { Controller, Get } from '@nestjs/common';
import { EventHubService } from './event-hub.service';

@Controller()
export class EventHubController {
  constructor(private readonly eventHubService: EventHubService) {}

  @Get()
  getHello(): string {
    return this.eventHubService.getHello();
  }
}
