import type { JobBackoff } from '../../ports/job-queue.port';

/** A job as the in-memory queue keeps it: serialized data plus its retry bookkeeping. */
export interface StoredJob {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  /** JSON of the data, so workers get a copy shaped like what Redis would return. */
  readonly wire: string;
  readonly attempts: number;
  readonly backoff: JobBackoff | undefined;
  readonly timestamp: number;
  /** Attempts that have ended (BullMQ `attemptsMade`). */
  attemptsMade: number;
}
