/**
 * The asynchronous work a consumer has started and not yet finished (handlers, their
 * acknowledgements, claims, redeliveries). A graceful close waits for all of it, including
 * work that finishing work starts, before handing the consumer's entries over.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  /** `onError` hears of a task that rejected: tasks report their own failures, so a bug. */
  constructor(private readonly onError: (error: unknown) => void) {}

  track(task: Promise<void>): void {
    const settled: Promise<void> = task
      .catch((error: unknown) => this.onError(error))
      .finally(() => this.running.delete(settled));
    this.running.add(settled);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all(this.running);
    }
  }
}
