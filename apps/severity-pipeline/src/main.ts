import { NestFactory } from '@nestjs/core';
import { SeverityPipelineModule } from './severity-pipeline.module';

async function bootstrap() {
  const app = await NestFactory.create(SeverityPipelineModule);
  await app.listen(process.env.port ?? 3000);
}
bootstrap();
