import { Test, TestingModule } from '@nestjs/testing';
import { EventHubController } from './event-hub.controller';
import { EventHubService } from './event-hub.service';

describe('EventHubController', () => {
  let eventHubController: EventHubController;

  beforeEach(async () => {
    const app: TestingModule = await Test.createTestingModule({
      controllers: [EventHubController],
      providers: [EventHubService],
    }).compile();

    eventHubController = app.get<EventHubController>(EventHubController);
  });

  describe('root', () => {
    it('should return "Hello World!"', () => {
      expect(eventHubController.getHello()).toBe('Hello World!');
    });
  });
});
