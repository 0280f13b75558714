import type { JobQueue } from '../../ports/job-queue.port';
import { runJobQueueContract } from '../../testing/job-queue.contract';
import { silentLogger } from '../../testing/silent.logger';
import { waitFor } from '../../testing/wait-for';
import { IN_MEMORY_JOB_QUEUE_FEATURES, InMemoryJobQueue } from './in-memory-job-queue.adapter';
import type { InMemoryJobQueueOptions } from './in-memory-job-queue.options';
import { backoffDelayMs } from './job.backoff';

runJobQueueContract(
  'InMemoryJobQueue',
  async () => new InMemoryJobQueue({ logger: silentLogger }),
  IN_MEMORY_JOB_QUEUE_FEATURES,
);

describe('InMemoryJobQueue', () => {
  const opened: JobQueue[] = [];
  const open = (options: InMemoryJobQueueOptions = {}) => {
    const jobs = new InMemoryJobQueue({ logger: silentLogger, ...options });
    opened.push(jobs);
    return jobs;
  };
  afterEach(() => Promise.all(opened.splice(0).map((q) => q.close())));

  it('computes backoff like BullMQ', () => {
    expect(
      [1, 2, 3, 4].map((n) => backoffDelayMs({ type: 'exponential', delayMs: 100 }, n)),
    ).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3].map((n) => backoffDelayMs({ type: 'fixed', delayMs: 50 }, n))).toEqual([
      50, 50, 50,
    ]);
    expect(backoffDelayMs(undefined, 3)).toBe(0);
  });

  it('keeps deduplicating a completed jobId while it is retained', async () => {
    const jobs = open({ retainCompleted: 1 });
    const names: string[] = [];
    await jobs.process('q', async (job) => void names.push(job.name));
    await jobs.add('q', 'first', {}, { jobId: 'a' });
    await waitFor(() => names.includes('first'));
    await jobs.add('q', 'again', {}, { jobId: 'a' });
    await jobs.add('q', 'other', {}, { jobId: 'b' });
    // One worker, FIFO: once the sentinel runs, 'b' has completed and pushed 'a' out.
    await jobs.add('q', 'sentinel', {});
    await waitFor(() => names.includes('sentinel'));
    await jobs.add('q', 'third', {}, { jobId: 'a' });
    await waitFor(() => names.includes('third'));
    expect(names).toEqual(['first', 'other', 'sentinel', 'third']);
  });

  it('keeps only the newest failed jobs beyond retainFailed', async () => {
    const jobs = open({ retainFailed: 2 });
    await jobs.process('q', async () => {
      throw new Error('nope');
    });
    for (const jobId of ['f1', 'f2', 'f3']) await jobs.add('q', 'doomed', {}, { jobId });
    await waitFor(async () => (await jobs.getFailed('q')).some((f) => f.id === 'f3'));
    expect((await jobs.getFailed('q')).map((f) => f.id)).toEqual(['f2', 'f3']);
  });

  it('hands workers a JSON copy of the data', async () => {
    const jobs = open();
    const seen: unknown[] = [];
    await jobs.process('q', async (job) => void seen.push(job.data));
    const data = { at: new Date('2026-01-02T03:04:05.000Z'), list: [1] };
    await jobs.add('q', 'dated', data);
    await jobs.add('q', 'nothing', undefined);
    data.list.push(2);
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([{ at: '2026-01-02T03:04:05.000Z', list: [1] }, null]);
  });

  it('rejects bad arguments with a sentence naming them', async () => {
    const jobs = open();
    await expect(jobs.add('', 'n', {})).rejects.toThrow('queue must be a non-empty string');
    await expect(jobs.add('q', 'n', {}, { attempts: 0 })).rejects.toThrow(
      'attempts must be a positive integer',
    );
    await expect(
      jobs.add('q', 'n', {}, { backoff: { type: 'linear' as 'fixed', delayMs: 1 } }),
    ).rejects.toThrow('backoff.type');
    await expect(
      jobs.add('q', 'n', {}, { backoff: { type: 'fixed', delayMs: -1 } }),
    ).rejects.toThrow('backoff.delayMs');
    await expect(jobs.process('q', async () => undefined, { concurrency: 0 })).rejects.toThrow(
      'concurrency',
    );
  });

  it('refuses new jobs and workers once closed', async () => {
    const jobs = open();
    await jobs.close();
    await expect(jobs.add('q', 'n', {})).rejects.toThrow('closed');
    await expect(jobs.process('q', async () => undefined)).rejects.toThrow('closed');
  });
});
