import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { JobQueue, JobWorker } from '../ports/job-queue.port';
import { JOB_QUEUE } from '../transport.constants';
import {
  type JobProcessor,
  JobProcessorRegistration,
  type JobProcessorRoute,
} from './job-processor';
import { JOB_WORKERS_OPTIONS, type JobWorkersOptions } from './job-workers.options';

/** One queue's processor, as registered. */
export interface JobProcessorRegistrationInfo extends JobProcessorRoute {
  readonly processorName: string;
  /** Whether this process works the queue (see `JobWorkersOptions.queues`). */
  readonly working: boolean;
}

/**
 * Finds every `@ProcessJobs` provider at start-up, refuses to start on a queue with two
 * processors or a processor without `process(job)`, and starts a worker on the job-queue port
 * for each queue this process works; closes them (waiting for running jobs) on shutdown.
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private processors: { route: JobProcessorRoute; name: string; processor: JobProcessor }[] = [];
  private workers: JobWorker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(JOB_QUEUE) private readonly jobQueue: JobQueue,
    @Inject(JOB_WORKERS_OPTIONS) private readonly options: JobWorkersOptions,
  ) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders({ metadataKey: JobProcessorRegistration.KEY })
      .map((wrapper) => ({
        route: this.discovery.getMetadataByDecorator(JobProcessorRegistration, wrapper)!,
        name: wrapper.metatype?.name ?? String(wrapper.token),
        processor: wrapper.instance as JobProcessor,
      }));
    const problems = checkProcessors(found);
    if (problems.length > 0) {
      throw new Error(`Invalid job processor registration:\n  - ${problems.join('\n  - ')}`);
    }
    this.processors = found;
    const working = this.registrations().filter((registration) => registration.working);
    this.logger.log(
      working.length === 0
        ? 'working no queue in this process'
        : `working ${working.map((r) => `${r.queue} (${r.processorName}, concurrency ${r.concurrency ?? 1})`).join(', ')}`,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { route, processor } of this.processors) {
      if (!this.works(route.queue)) continue;
      this.workers.push(
        await this.jobQueue.process(route.queue, (job) => processor.process(job), {
          concurrency: route.concurrency ?? 1,
        }),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }

  registrations(): JobProcessorRegistrationInfo[] {
    return this.processors
      .map(({ route, name }) => ({
        ...route,
        processorName: name,
        working: this.works(route.queue),
      }))
      .sort((a, b) => a.queue.localeCompare(b.queue));
  }

  private works(queue: string): boolean {
    const queues = this.options.queues ?? 'all';
    return queues === 'all' || queues.includes(queue);
  }
}

function checkProcessors(
  found: readonly { route: JobProcessorRoute; name: string; processor: JobProcessor }[],
): string[] {
  const problems: string[] = [];
  const byQueue = new Map<string, string>();
  for (const { route, name, processor } of found) {
    const other = byQueue.get(route.queue);
    if (other) problems.push(`${name} and ${other} both process queue "${route.queue}"`);
    byQueue.set(route.queue, name);
    if (typeof (processor as Partial<JobProcessor> | null)?.process !== 'function') {
      problems.push(
        `${name} is registered for queue "${route.queue}" but does not implement process(job)`,
      );
    }
  }
  return problems;
}
