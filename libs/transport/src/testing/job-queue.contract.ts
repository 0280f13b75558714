import type { JobQueue, JobQueueFeatures } from '../ports/job-queue.port';
import {
  type JobQueueContractOptions,
  jobQueueContractContext,
} from './job-queue-contract.context';
import { jobOperationsCases } from './job-queue-operations.cases';
import { jobProcessingCases } from './job-queue-processing.cases';
import { jobResilienceCases } from './job-queue-resilience.cases';
import { jobWorkerCases } from './job-queue-workers.cases';

/**
 * The job-queue test suite every adapter's spec calls once (in-memory, BullMQ). Each case
 * opens its own queue instance and uses its own queue names, so cases can share one Redis.
 */
export function runJobQueueContract(
  name: string,
  factory: () => Promise<JobQueue>,
  features: JobQueueFeatures,
  options: JobQueueContractOptions = {},
): void {
  describe(`${name} — job queue contract`, () => {
    const ctx = jobQueueContractContext(factory, features, options);
    describe('processing', () => jobProcessingCases(ctx));
    describe('workers', () => jobWorkerCases(ctx));
    describe('operations', () => jobOperationsCases(ctx));
    describe('resilience', () => jobResilienceCases(ctx));
  });
}
