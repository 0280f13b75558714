import { Module } from '@nestjs/common';
import { HandlerRouterController } from './handler-router.controller';
import { HandlerRouterService } from './handler-router.service';

@Module({
  imports: [],
  controllers: [HandlerRouterController],
  providers: [HandlerRouterService],
})
export class HandlerRouterModule {}
