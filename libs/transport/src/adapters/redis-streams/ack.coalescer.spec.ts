import { deferred } from '../../testing/deferred';
import { waitFor } from '../../testing/wait-for';
import { AckCoalescer } from './ack.coalescer';

function coalescer(send: (ids: readonly string[]) => Promise<void>) {
  const settled: { ids: readonly string[]; error: unknown }[] = [];
  const tracked: Promise<void>[] = [];
  const acks = new AckCoalescer(
    send,
    (ids, error) => void settled.push({ ids, error }),
    (work) => void tracked.push(work),
  );
  return { acks, settled, idle: () => Promise.all(tracked) };
}

describe('AckCoalescer', () => {
  it('sends what is handled in one turn of the event loop as one XACK', async () => {
    const sent: (readonly string[])[] = [];
    const { acks, settled, idle } = coalescer(async (ids) => void sent.push(ids));
    acks.add(['1-0']);
    acks.add(['2-0', '3-0']);
    await Promise.resolve();
    acks.add(['4-0']);
    await idle();
    expect(sent).toEqual([['1-0', '2-0', '3-0', '4-0']]);
    expect(settled).toEqual([{ ids: ['1-0', '2-0', '3-0', '4-0'], error: undefined }]);
  });

  it('keeps one XACK in flight; what comes meanwhile goes out together in the next', async () => {
    const gate = deferred();
    const sent: (readonly string[])[] = [];
    const { acks, idle } = coalescer(async (ids) => {
      sent.push(ids);
      if (sent.length === 1) await gate.promise;
    });
    acks.add(['1-0']);
    await waitFor(() => sent.length === 1);
    acks.add(['2-0']);
    acks.add(['3-0']);
    gate.resolve();
    await idle();
    expect(sent).toEqual([['1-0'], ['2-0', '3-0']]);
  });

  it('reports a failed XACK with its ids, and goes on with the next', async () => {
    let calls = 0;
    const { acks, settled, idle } = coalescer(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
    });
    acks.add(['1-0']);
    await idle();
    acks.add(['2-0']);
    await idle();
    expect(settled.map(({ ids, error }) => [ids, error instanceof Error])).toEqual([
      [['1-0'], true],
      [['2-0'], false],
    ]);
  });
});
