import type { InboxStore } from '../ports/inbox-store.port';
import { uniqueName } from './unique-name';

/**
 * What every InboxStore promises the `idempotent` middleware, whatever keeps the rows.
 * Call once per implementation from its spec; `factory` returns a ready store.
 */
export function runInboxStoreContract(name: string, factory: () => Promise<InboxStore>): void {
  describe(`InboxStore contract: ${name}`, () => {
    let inbox: InboxStore;
    let consumer: string;

    beforeEach(async () => {
      inbox = await factory();
      consumer = uniqueName('consumer');
    });

    it('knows nothing of an event it was never told about', async () => {
      expect(await inbox.isProcessed(consumer, 'evt-1')).toBe(false);
    });

    it('remembers an event once it is marked processed', async () => {
      await inbox.markProcessed(consumer, 'evt-1');
      expect(await inbox.isProcessed(consumer, 'evt-1')).toBe(true);
      expect(await inbox.isProcessed(consumer, 'evt-2')).toBe(false);
    });

    it('keeps each consumer apart: one handler having processed an event says nothing of another', async () => {
      await inbox.markProcessed(consumer, 'evt-1');
      expect(await inbox.isProcessed(`${consumer}-other`, 'evt-1')).toBe(false);
    });

    it('accepts the same event marked twice, even at the same moment', async () => {
      await inbox.markProcessed(consumer, 'evt-1');
      await expect(
        Promise.all([
          inbox.markProcessed(consumer, 'evt-1'),
          inbox.markProcessed(consumer, 'evt-1'),
        ]),
      ).resolves.toBeDefined();
      expect(await inbox.isProcessed(consumer, 'evt-1')).toBe(true);
    });
  });
}
