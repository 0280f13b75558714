import { mapConcurrent } from './map-concurrent';

/** A promise the test settles when it wants, to hold calls in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('mapConcurrent', () => {
  it('returns the results in the order of the items, whatever order they finish in', async () => {
    const results = await mapConcurrent([30, 10, 20], 3, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `${index}:${ms}`;
    });

    expect(results).toEqual(['0:30', '1:10', '2:20']);
  });

  it('keeps at most `limit` calls in flight and starts the next as one ends', async () => {
    const gates = Array.from({ length: 5 }, () => deferred<number>());
    const started: number[] = [];
    const run = mapConcurrent(gates, 2, (gate, index) => {
      started.push(index);
      return gate.promise;
    });

    expect(started).toEqual([0, 1]);
    gates[1].resolve(1);
    await gates[1].promise;
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);

    for (const [index, gate] of gates.entries()) gate.resolve(index);
    await expect(run).resolves.toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the first failure and starts nothing more', async () => {
    const started: number[] = [];
    const run = mapConcurrent([0, 1, 2, 3], 1, (item) => {
      started.push(item);
      return item === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(item);
    });

    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('resolves at once for no items', async () => {
    await expect(mapConcurrent([], 4, () => Promise.resolve(1))).resolves.toEqual([]);
  });

  it('refuses a limit below 1', async () => {
    await expect(mapConcurrent([1], 0, () => Promise.resolve(1))).rejects.toThrow(RangeError);
  });
});
