import { of, Subject, throwError } from 'rxjs';
import { observableIterator, SubscriberTooSlowError } from './observable-iterator';

describe('observableIterator', () => {
  it('yields what the source emits after it was made, in order, also before it is read', async () => {
    const source = new Subject<number>();
    const iterator = observableIterator(source, { maxPending: 10 });

    source.next(1);
    const second = iterator.next().then((first) => [first, iterator.next()] as const);
    source.next(2);
    source.next(3);

    const [first, next] = await second;
    expect(first).toEqual({ value: 1, done: false });
    expect(await next).toEqual({ value: 2, done: false });
    expect(await iterator.next()).toEqual({ value: 3, done: false });
  });

  it('hands out the values still held when the source completes, then is done', async () => {
    const values: number[] = [];
    for await (const value of observableIterator(of(1, 2, 3), { maxPending: 10 })) {
      values.push(value);
    }

    expect(values).toEqual([1, 2, 3]);
  });

  it('ends a reader that is waiting when the source completes', async () => {
    const source = new Subject<number>();
    const iterator = observableIterator(source, { maxPending: 10 });

    const waiting = iterator.next();
    source.complete();

    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('unsubscribes from the source on return(), so a client that leaves leaks nothing', async () => {
    const source = new Subject<number>();
    const iterator = observableIterator(source, { maxPending: 10 });
    const waiting = iterator.next();
    expect(source.observed).toBe(true);

    await iterator.return!();

    expect(source.observed).toBe(false);
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('throws a source error once, then is done', async () => {
    const iterator = observableIterator(
      throwError(() => new Error('gone')),
      { maxPending: 10 },
    );

    await expect(iterator.next()).rejects.toThrow('gone');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('ends the iteration of a reader that falls more than maxPending values behind', async () => {
    const source = new Subject<number>();
    const iterator = observableIterator(source, { maxPending: 2 });

    source.next(1);
    source.next(2);
    expect(source.observed).toBe(true);
    source.next(3);

    expect(source.observed).toBe(false);
    await expect(iterator.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
