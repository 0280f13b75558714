import { NestFactory } from '@nestjs/core';
import { EventHubModule } from './event-hub.module';

async function bootstrap() {
  const app = await NestFactory.create(EventHubModule);
  await app.listen(process.env.port ?? 3000);
}
bootstrap();
