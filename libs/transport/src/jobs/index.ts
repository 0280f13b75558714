// Job processors declared with `@ProcessJobs(queue)`: import from '@app/transport/jobs'.
export * from './job-processor';
export * from './job-workers';
export * from './job-workers.module';
export * from './job-workers.options';
