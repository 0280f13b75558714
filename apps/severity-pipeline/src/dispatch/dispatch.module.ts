import { JobWorkersModule } from '@app/transport/jobs';
import { type DynamicModule, Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { MailModule } from '../mail/mail.module';
import { DispatchSweeper } from './dispatch.sweeper';
import { DispatchWorker } from './dispatch.worker';
import { ErrorWorker } from './error.worker';
import { QueuesController } from './queues.controller';
import { WarningWorker } from './warning.worker';

/**
 * The seed's Celery part: the dispatcher and the two severity workers on the job-queue port,
 * the sweeper that re-enqueues anything stored but not dispatched, and `GET /api/queues`.
 * `queues` says which queues this process works (all by default).
 */
@Module({})
export class DispatchModule {
  static forQueues(queues: 'all' | readonly string[]): DynamicModule {
    return {
      module: DispatchModule,
      imports: [EventsModule, MailModule, JobWorkersModule.forRoot({ queues })],
      controllers: [QueuesController],
      providers: [DispatchWorker, WarningWorker, ErrorWorker, DispatchSweeper],
    };
  }
}
