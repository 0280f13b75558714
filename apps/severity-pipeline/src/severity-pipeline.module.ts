import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { GraphqlApiModule } from '@app/platform/graphql/graphql-api.module';
import { chooseTransport, TransportModule } from '@app/transport';
import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuthModule } from './auth/auth.module';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from './auth/auth.persistence';
import { DispatchModule } from './dispatch/dispatch.module';
import { SeverityEventSchema } from './events/event.entity';
import { EventsModule } from './events/events.module';
import { M301SeverityEvents } from './events/migrations/m301-severity-events.migration';
import { GeneratorRunSchema } from './generator/generator-run.entity';
import { GeneratorModule } from './generator/generator.module';
import { M302GeneratorRuns } from './generator/m302-generator-runs.migration';
import { MailModule } from './mail/mail.module';
import { MAIL_ENTITIES, MAIL_MIGRATIONS } from './mail/mail.persistence';
import { SeverityPipelineConfig, type SeverityPipelineRole } from './severity-pipeline.config';

/**
 * JWT REST API, scheduled generator, severity dispatcher and worker queues (seed 002).
 * The class itself holds what every process needs (config, storage, queues, auth, mail);
 * `forRole` adds the API, the workers, or both. `createsuperuser` uses the class alone.
 */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'severity-pipeline', config: SeverityPipelineConfig }),
    PersistenceModule.forRoot({
      entities: [...AUTH_ENTITIES, ...MAIL_ENTITIES, SeverityEventSchema, GeneratorRunSchema],
      migrations: [...AUTH_MIGRATIONS, ...MAIL_MIGRATIONS, M301SeverityEvents, M302GeneratorRuns],
    }),
    TransportModule.forRoot({ inbox: false }),
    AuthModule,
    MailModule,
  ],
})
export class SeverityPipelineModule {
  /** The module for one process, from `ROLE` and `QUEUES`. */
  static forConfig(config: SeverityPipelineConfig): DynamicModule {
    if (config.ROLE !== 'all' && chooseTransport(config).jobQueue === 'memory') {
      throw new Error(
        `ROLE=${config.ROLE} runs one part of severity-pipeline, which needs shared queues ` +
          '(set REDIS_URL for BullMQ); with in-memory queues use ROLE=all',
      );
    }
    return SeverityPipelineModule.forRole(config.ROLE, config.workedQueues());
  }

  static forRole(
    role: SeverityPipelineRole,
    queues: 'all' | readonly string[] = 'all',
  ): DynamicModule {
    const api = role !== 'worker';
    return {
      module: SeverityPipelineModule,
      imports: [
        ...(api
          ? [GraphqlApiModule.forRoot(), EventsModule, AnalyticsModule, GeneratorModule]
          : []),
        DispatchModule.forQueues(role === 'api' ? [] : queues),
      ],
    };
  }
}
