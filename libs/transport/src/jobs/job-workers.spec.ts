import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InMemoryJobQueue } from '../adapters/in-memory/in-memory-job-queue.adapter';
import type { Job, JobQueue } from '../ports/job-queue.port';
import { waitFor } from '../testing/wait-for';
import { JOB_QUEUE } from '../transport.constants';
import { type JobProcessor, ProcessJobs } from './job-processor';
import { JobWorkers } from './job-workers';
import { JobWorkersModule } from './job-workers.module';
import type { JobWorkersOptions } from './job-workers.options';

@Injectable()
@ProcessJobs('warning_queue', { concurrency: 2 })
class WarningWorker implements JobProcessor<{ n: number }> {
  readonly seen: number[] = [];

  async process(job: Job<{ n: number }>): Promise<void> {
    this.seen.push(job.data.n);
  }
}

@Injectable()
@ProcessJobs('error_queue')
class ErrorWorker implements JobProcessor<{ n: number }> {
  readonly seen: number[] = [];

  async process(job: Job<{ n: number }>): Promise<void> {
    this.seen.push(job.data.n);
  }
}

async function start(options: JobWorkersOptions, extra: unknown[] = []) {
  const jobQueue = new InMemoryJobQueue();

  // As TransportModule does in an app: the port is global.
  @Global()
  @Module({ providers: [{ provide: JOB_QUEUE, useValue: jobQueue }], exports: [JOB_QUEUE] })
  class QueueModule {}

  @Module({
    imports: [QueueModule, JobWorkersModule.forRoot(options)],
    providers: [WarningWorker, ErrorWorker, ...(extra as never[])],
  })
  class AppModule {}

  const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
  await app.init();
  return { app, jobQueue: jobQueue as JobQueue };
}

describe('JobWorkers (@ProcessJobs)', () => {
  it('works every registered queue by default', async () => {
    const { app, jobQueue } = await start({});
    try {
      await jobQueue.add('warning_queue', 'warning', { n: 1 });
      await jobQueue.add('error_queue', 'error', { n: 2 });

      await waitFor(
        () => app.get(WarningWorker).seen.length === 1 && app.get(ErrorWorker).seen.length === 1,
      );
      expect(app.get(JobWorkers).registrations()).toEqual([
        { queue: 'error_queue', processorName: 'ErrorWorker', working: true },
        { queue: 'warning_queue', concurrency: 2, processorName: 'WarningWorker', working: true },
      ]);
    } finally {
      await app.close();
    }
  });

  it('works only the queues it is told to, leaving the rest to other processes', async () => {
    const { app, jobQueue } = await start({ queues: ['error_queue'] });
    try {
      await jobQueue.add('warning_queue', 'warning', { n: 1 });
      await jobQueue.add('error_queue', 'error', { n: 2 });

      await waitFor(() => app.get(ErrorWorker).seen.length === 1);
      expect(app.get(WarningWorker).seen).toEqual([]);
      expect(
        app
          .get(JobWorkers)
          .registrations()
          .map((r) => [r.queue, r.working]),
      ).toEqual([
        ['error_queue', true],
        ['warning_queue', false],
      ]);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with two processors for one queue, or one without process(job)', async () => {
    @Injectable()
    @ProcessJobs('error_queue')
    class SecondErrorWorker implements JobProcessor {
      async process(): Promise<void> {}
    }

    @Injectable()
    @ProcessJobs('idle_queue')
    class Idle {}

    await expect(start({}, [SecondErrorWorker, Idle])).rejects.toThrow(
      /(Second)?ErrorWorker and (Second)?ErrorWorker both process queue "error_queue"[\s\S]*Idle is registered for queue "idle_queue" but does not implement process\(job\)/,
    );
  });
});
