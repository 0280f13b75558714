import type { Observable, Subscription } from 'rxjs';

/** Ends a subscription whose client reads slower than events arrive, past the bound. */
export class SubscriberTooSlowError extends Error {
  override readonly name = 'SubscriberTooSlowError';

  constructor(readonly maxPending: number) {
    super(`the subscriber fell more than ${maxPending} events behind; subscribe again`);
  }
}

export interface ObservableIteratorOptions {
  /**
   * Most values held for a client that has not asked for them yet. A client that cannot keep
   * up with the live stream would otherwise grow the server's memory without end; past this
   * bound its iteration ends with `SubscriberTooSlowError` instead.
   */
  readonly maxPending: number;
}

type End = { readonly done: true } | { readonly error: unknown };

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * An Observable as the AsyncIterator a GraphQL subscription resolver returns. It subscribes at
 * once, so nothing emitted after the resolver returns is missed, and unsubscribes as soon as
 * the consumer stops (`return()`: the client completed the operation or went away). A source
 * that completes ends the iteration once its values are read, which graphql-ws answers with
 * `complete`; a source error is thrown from `next()` once, then the iteration is done.
 */
export function observableIterator<T>(
  source: Observable<T>,
  { maxPending }: ObservableIteratorOptions,
): AsyncIterableIterator<T> {
  const values: T[] = [];
  const readers: ((result: IteratorResult<T> | End) => void)[] = [];
  let end: End | undefined;

  const finish = (last: End) => {
    if (end) return;
    end = last;
    for (const reader of readers.splice(0)) reader(last);
  };

  let subscription: Subscription | undefined;
  subscription = source.subscribe({
    next: (value) => {
      if (end) return;
      const reader = readers.shift();
      if (reader) return reader({ value, done: false });
      if (values.length < maxPending) return void values.push(value);
      stop({ error: new SubscriberTooSlowError(maxPending) });
    },
    error: (error: unknown) => finish({ error }),
    complete: () => finish({ done: true }),
  });
  // A source may end (or overflow) while `subscribe` runs, before `subscription` is set.
  if (end) subscription.unsubscribe();

  /** Ends the iteration now, dropping the values not read yet. */
  function stop(last: End): void {
    subscription?.unsubscribe();
    values.length = 0;
    finish(last);
  }

  function answer(result: IteratorResult<T> | End): Promise<IteratorResult<T>> {
    if (!('error' in result)) return Promise.resolve('value' in result ? result : DONE);
    // Reported once; every later read finds the iteration done.
    end = { done: true };
    return Promise.reject(result.error);
  }

  return {
    next(): Promise<IteratorResult<T>> {
      if (values.length > 0) return Promise.resolve({ value: values.shift() as T, done: false });
      if (end) return answer(end);
      return new Promise<IteratorResult<T> | End>((resolve) => readers.push(resolve)).then(answer);
    },
    return(): Promise<IteratorResult<T>> {
      stop({ done: true });
      return Promise.resolve(DONE);
    },
    throw(error: unknown): Promise<IteratorResult<T>> {
      stop({ done: true });
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
