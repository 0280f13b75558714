import { Queue } from 'bullmq';
import { QUEUES } from '../../apps/severity-pipeline/src/dispatch/queues';

/**
 * Empties the pipeline's queues in the bench's Redis database (jobs left by an earlier,
 * interrupted run would be worked first and skew the figures), through BullMQ itself.
 */
export async function obliterateQueues(redisUrl: string): Promise<void> {
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection: { url: redisUrl } });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
}
