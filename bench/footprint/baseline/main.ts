// The yardstick for bench/footprint: the smallest app of our stack that still does
// real work (one GraphQL resolver reading one MikroORM entity from SQLite, plus /health).
import 'reflect-metadata';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { defineEntity, EntityManager, p } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { SqliteDriver } from '@mikro-orm/sqlite';

const Note = defineEntity({
  name: 'Note',
  properties: { id: p.integer().primary(), text: p.string() },
});

@Resolver()
class NoteResolver {
  constructor(private readonly em: EntityManager) {}

  @Query(() => Number)
  async noteCount(): Promise<number> {
    return this.em.fork().count(Note);
  }
}

@Controller('health')
class HealthController {
  @Get()
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    MikroOrmModule.forRoot({
      driver: SqliteDriver,
      dbName: process.env.DATABASE_FILE ?? ':memory:',
      entities: [Note],
      ensureDatabase: { create: true },
    }),
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
  ],
  controllers: [HealthController],
  providers: [NoteResolver],
})
class BaselineModule {}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(BaselineModule, { logger: ['error', 'warn'] });
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
}
void bootstrap();
