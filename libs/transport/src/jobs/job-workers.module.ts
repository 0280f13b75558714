import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorkers } from './job-workers';
import { JOB_WORKERS_OPTIONS, type JobWorkersOptions } from './job-workers.options';

/** Starts the workers of the `@ProcessJobs` providers this process works (see `JobWorkers`). */
@Module({})
export class JobWorkersModule {
  static forRoot(options: JobWorkersOptions = {}): DynamicModule {
    return {
      module: JobWorkersModule,
      imports: [DiscoveryModule],
      providers: [JobWorkers, { provide: JOB_WORKERS_OPTIONS, useValue: options }],
      exports: [JobWorkers],
    };
  }
}
