import { Injectable } from '@nestjs/common';

@Injectable()
export class SeverityPipelineService {
  getHello(): string {
    return 'Hello World!';
  }
}
