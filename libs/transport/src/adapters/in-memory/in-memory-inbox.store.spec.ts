import { runInboxStoreContract } from '../../testing/inbox-store.contract';
import { InMemoryInboxStore } from './in-memory-inbox.store';

runInboxStoreContract('in-memory', async () => new InMemoryInboxStore());

describe('InMemoryInboxStore', () => {
  it('forgets the oldest ids beyond its limit', async () => {
    const inbox = new InMemoryInboxStore({ maxEntriesPerConsumer: 2 });
    for (const id of ['e1', 'e2', 'e3']) await inbox.markProcessed('c', id);
    expect(await inbox.isProcessed('c', 'e1')).toBe(false);
    expect(await inbox.isProcessed('c', 'e3')).toBe(true);
  });
});
