import { batchOf, eventMessage, processor } from './kafka-batch-processor.fixture';

// How often a per-event subscription tells kafkajs where it is (resolve, heartbeat, commit
// check): every `everySlices` handled events or `everyMs`, and always before it leaves a batch.
describe('KafkaBatchProcessor telling kafkajs its progress', () => {
  const labels = ['a', 'b', 'c', 'd', 'e'];

  it('resolves, heartbeats and checks for a commit every everySlices events, then the last one', async () => {
    const beats: number[] = [];
    const { processor: p } = processor(async () => undefined, {
      progressSync: { everySlices: 2, everyMs: Number.POSITIVE_INFINITY },
    });
    const { payload, log } = batchOf(labels.map(eventMessage));
    payload.heartbeat = async () => void beats.push(log.length);
    await p.process(payload);
    expect(log).toEqual(['resolve 11', 'commit?', 'resolve 13', 'commit?', 'resolve 14']);
    expect(beats).toEqual([1, 3]);
  });

  it('tells it after every event once everyMs has passed, however few events that was', async () => {
    const { processor: p } = processor(async () => undefined, {
      progressSync: { everySlices: 1000, everyMs: 0 },
    });
    const { payload, log } = batchOf(labels.slice(0, 3).map(eventMessage));
    await p.process(payload);
    expect(log).toEqual([
      'resolve 10',
      'commit?',
      'resolve 11',
      'commit?',
      'resolve 12',
      'commit?',
    ]);
  });

  it('resolves what was handled before seeking back to a failed event', async () => {
    const { processor: p, calls } = processor(
      async (event) => {
        if ((event.data as { label: string }).label === 'c') throw new Error('not yet');
      },
      { progressSync: { everySlices: 1000, everyMs: Number.POSITIVE_INFINITY } },
    );
    const { payload, log } = batchOf(labels.map(eventMessage));
    await p.process(payload);
    expect(log).toEqual(['resolve 11', 'pause', 'resume']);
    expect(calls).toEqual(['seek 1@12']);
  });

  it('resolves what was handled when a seek makes the rest of the batch stale', async () => {
    let handled = 0;
    const { payload, log, makeStale } = batchOf(labels.map(eventMessage));
    const { processor: p } = processor(
      async () => {
        handled += 1;
        if (handled === 2) makeStale();
      },
      { progressSync: { everySlices: 1000, everyMs: Number.POSITIVE_INFINITY } },
    );
    await p.process(payload);
    expect(handled).toBe(2);
    expect(log).toEqual(['resolve 11']);
  });
});
