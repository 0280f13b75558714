import { Controller, Get } from '@nestjs/common';
import { SeverityPipelineService } from './severity-pipeline.service';

@Controller()
export class SeverityPipelineController {
  constructor(private readonly severityPipelineService: SeverityPipelineService) {}

  @Get()
  getHello(): string {
    return this.severityPipelineService.getHello();
  }
}
