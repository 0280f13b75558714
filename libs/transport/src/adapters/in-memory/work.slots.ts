/**
 * Counts the work a consumer is running against its concurrency limit, and lets a graceful
 * close wait until that count drops to zero.
 */
export class WorkSlots {
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get hasCapacity(): boolean {
    return this.running < this.limit;
  }

  acquire(): void {
    this.running += 1;
  }

  release(): void {
    this.running -= 1;
    if (this.running > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
