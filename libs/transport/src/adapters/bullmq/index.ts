// The BullMQ job-queue adapter: import from '@app/transport/adapters/bullmq'.
// An entry point of its own, so apps on the embedded default never load bullmq and ioredis.
export * from './bullmq-job-queue.adapter';
export * from './bullmq-job-queue.options';
