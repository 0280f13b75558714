import { Test, TestingModule } from '@nestjs/testing';
import { SeverityPipelineController } from './severity-pipeline.controller';
import { SeverityPipelineService } from './severity-pipeline.service';

describe('SeverityPipelineController', () => {
  let severityPipelineController: SeverityPipelineController;

  beforeEach(async () => {
    const app: TestingModule = await Test.createTestingModule({
      controllers: [SeverityPipelineController],
      providers: [SeverityPipelineService],
    }).compile();

    severityPipelineController = app.get<SeverityPipelineController>(SeverityPipelineController);
  });

  describe('root', () => {
    it('should return "Hello World!"', () => {
      expect(severityPipelineController.getHello()).toBe('Hello World!');
    });
  });
});
