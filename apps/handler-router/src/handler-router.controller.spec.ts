import { Test, TestingModule } from '@nestjs/testing';
import { HandlerRouterController } from './handler-router.controller';
import { HandlerRouterService } from './handler-router.service';

describe('HandlerRouterController', () => {
  let handlerRouterController: HandlerRouterController;

  beforeEach(async () => {
    const app: TestingModule = await Test.createTestingModule({
      controllers: [HandlerRouterController],
      providers: [HandlerRouterService],
    }).compile();

    handlerRouterController = app.get<HandlerRouterController>(HandlerRouterController);
  });

  describe('root', () => {
    it('should return "Hello World!"', () => {
      expect(handlerRouterController.getHello()).toBe('Hello World!');
    });
  });
});
