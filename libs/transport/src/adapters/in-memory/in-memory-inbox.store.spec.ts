import { InMemoryInboxStore } from './in-memory-inbox.store';

describe('InMemoryInboxStore', () => {
  it('remembers processed ids per consumer', async () => {
    const inbox = new InMemoryInboxStore();
    await inbox.markProcessed('billing', 'e1');
    await inbox.markProcessed('billing', 'e1');
    expect(await inbox.isProcessed('billing', 'e1')).toBe(true);
    expect(await inbox.isProcessed('audit', 'e1')).toBe(false);
    expect(await inbox.isProcessed('billing', 'e2')).toBe(false);
  });

  it('forgets the oldest ids beyond its limit', async () => {
    const inbox = new InMemoryInboxStore({ maxEntriesPerConsumer: 2 });
    for (const id of ['e1', 'e2', 'e3']) await inbox.markProcessed('c', id);
    expect(await inbox.isProcessed('c', 'e1')).toBe(false);
    expect(await inbox.isProcessed('c', 'e3')).toBe(true);
  });
});
