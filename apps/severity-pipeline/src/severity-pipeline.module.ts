import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from './auth/auth.persistence';
import { MailModule } from './mail/mail.module';
import { MAIL_ENTITIES, MAIL_MIGRATIONS } from './mail/mail.persistence';
import { SeverityPipelineConfig } from './severity-pipeline.config';

/** JWT REST API, scheduled generator, severity dispatcher and worker queues (seed 002). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'severity-pipeline', config: SeverityPipelineConfig }),
    PersistenceModule.forRoot({
      entities: [...AUTH_ENTITIES, ...MAIL_ENTITIES],
      migrations: [...AUTH_MIGRATIONS, ...MAIL_MIGRATIONS],
    }),
    // In-memory transport by default; the durable inbox comes from PersistenceModule.
    TransportModule.forRoot({ inbox: false }),
    AuthModule,
    MailModule,
  ],
})
export class SeverityPipelineModule {}
