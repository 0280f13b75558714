import { Controller, Get } from '@nestjs/common';
import { HandlerRouterService } from './handler-router.service';

@Controller()
export class HandlerRouterController {
  constructor(private readonly handlerRouterService: HandlerRouterService) {}

  @Get()
  getHello(): string {
    return this.handlerRouterService.getHello();
  }
}
