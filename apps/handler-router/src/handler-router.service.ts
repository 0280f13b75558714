import { Injectable } from '@nestjs/common';

@Injectable()
export class HandlerRouterService {
  getHello(): string {
    return 'Hello World!';
  }
}
