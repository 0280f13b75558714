import { testDeliveryContext } from '../testing/test-delivery-context';
import { testEvent } from '../testing/test-event';
import { RetryExhaustedError } from './retry-exhausted.error';
import { retry } from './retry.middleware';

describe('retry()', () => {
  const failing = (times: number) => {
    const calls: number[] = [];
    const handler = async () => {
      calls.push(performance.now());
      if (calls.length <= times) throw new Error(`failure ${calls.length}`);
    };
    return { calls, handler };
  };

  it('succeeds on attempt N, waiting longer each time up to maxDelayMs', async () => {
    const { calls, handler } = failing(3);
    const wrapped = retry({ maxAttempts: 4, initialDelayMs: 10, multiplier: 3, maxDelayMs: 20 })(
      handler,
    );
    await wrapped(testEvent(), testDeliveryContext());
    const gaps = calls.slice(1).map((at, i) => at - calls[i]);
    expect(calls).toHaveLength(4);
    expect(gaps[0]).toBeGreaterThanOrEqual(8);
    expect(gaps[1]).toBeGreaterThanOrEqual(18);
    expect(gaps[2]).toBeGreaterThanOrEqual(18);
  });

  it('throws RetryExhaustedError with the attempt count and the last error after the last attempt', async () => {
    const { calls, handler } = failing(10);
    const wrapped = retry({ maxAttempts: 3, initialDelayMs: 0 })(handler);
    const error = await wrapped(testEvent(), testDeliveryContext()).catch((e: unknown) => e);
    expect(calls).toHaveLength(3);
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect(error).toMatchObject({ attempts: 3, message: 'failed after 3 attempt(s): failure 3' });
    expect((error as RetryExhaustedError).cause).toEqual(new Error('failure 3'));
  });

  it('does not retry errors shouldRetry rejects', async () => {
    const { calls, handler } = failing(10);
    const wrapped = retry({ maxAttempts: 5, initialDelayMs: 0, shouldRetry: () => false })(handler);
    await expect(wrapped(testEvent(), testDeliveryContext())).rejects.toMatchObject({
      attempts: 1,
    });
    expect(calls).toHaveLength(1);
  });

  it('gives up at once when the subscription closes during a wait', async () => {
    const { calls, handler } = failing(10);
    const closing = new AbortController();
    const wrapped = retry({ maxAttempts: 5, initialDelayMs: 60_000 })(handler);
    const result = wrapped(testEvent(), testDeliveryContext({ signal: closing.signal }));
    closing.abort();
    await expect(result).rejects.toMatchObject({ attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it('rejects bad options with a sentence naming them', () => {
    expect(() => retry({ maxAttempts: 0 })).toThrow('retry maxAttempts must be a positive integer');
    expect(() => retry({ initialDelayMs: -1 })).toThrow('retry initialDelayMs');
    expect(() => retry({ multiplier: 0.5 })).toThrow('retry multiplier must be >= 1');
  });
});
