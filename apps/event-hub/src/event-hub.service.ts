import { Injectable } from '@nestjs/common';

@Injectable()
export class EventHubService {
  getHello(): string {
    return 'Hello World!';
  }
}
