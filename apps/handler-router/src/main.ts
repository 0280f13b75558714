import { NestFactory } from '@nestjs/core';
import { HandlerRouterModule } from './handler-router.module';

async function bootstrap() {
  const app = await NestFactory.create(HandlerRouterModule);
  await app.listen(process.env.port ?? 3000);
}
bootstrap();
