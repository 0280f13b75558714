import { NestFactory } from '@nestjs/core';
import { EventManagerModule } from './event-manager.module';

async function bootstrap() {
  const app = await NestFactory.create(EventManagerModule);
  await app.listen(process.env.port ?? 3000);
}
bootstrap();
