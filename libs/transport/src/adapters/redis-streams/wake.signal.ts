/**
 * Lets a loop sleep until something changes (a work slot freed up, a close began) instead of
 * polling. `wake()` releases every current waiter; a later `wait()` waits for the next wake.
 */
export class WakeSignal {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
