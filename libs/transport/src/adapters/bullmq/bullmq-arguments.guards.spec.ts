import {
  assertJobOptions,
  assertQueueName,
  assertStalledJobSettings,
} from './bullmq-arguments.guards';

describe('BullMQ argument checks', () => {
  it('accepts the ids and options the port allows and BullMQ takes', () => {
    expect(() => assertQueueName('emails')).not.toThrow();
    expect(() =>
      assertJobOptions({
        attempts: 3,
        backoff: { type: 'exponential', delayMs: 100 },
        jobId: 'report-2026-11',
      }),
    ).not.toThrow();
    // BullMQ only refuses ids that read back as the same integer.
    expect(() => assertJobOptions({ jobId: '042' })).not.toThrow();
  });

  it.each(['42', '-7', 'tenant:42'])('refuses jobId %s, which BullMQ reserves', (jobId) => {
    expect(() => assertJobOptions({ jobId })).toThrow(
      /^jobId must not be an integer or contain ":"/,
    );
  });

  it('names the argument that is wrong', () => {
    expect(() => assertQueueName('a:b')).toThrow('queue must not contain ":"');
    expect(() => assertQueueName('')).toThrow('queue must be a non-empty string');
    expect(() => assertJobOptions({ attempts: 0 })).toThrow('attempts must be a positive integer');
    expect(() => assertJobOptions({ backoff: { type: 'fixed', delayMs: -1 } })).toThrow(
      'backoff.delayMs must be a number >= 0',
    );
  });

  describe('stalled-job settings', () => {
    const defaults = { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 1 };

    it('accepts whole milliseconds and a count of zero or more', () => {
      expect(() => assertStalledJobSettings(defaults)).not.toThrow();
      expect(() =>
        assertStalledJobSettings({ lockDurationMs: 1, stalledIntervalMs: 1, maxStalledCount: 0 }),
      ).not.toThrow();
    });

    it.each<[string, Partial<typeof defaults>, string]>([
      ['a fractional lock', { lockDurationMs: 1.5 }, 'lockDurationMs must be a positive integer'],
      ['no lock at all', { lockDurationMs: 0 }, 'lockDurationMs must be a positive integer'],
      ['a NaN interval', { stalledIntervalMs: Number.NaN }, 'stalledIntervalMs must be'],
      ['a negative count', { maxStalledCount: -1 }, 'maxStalledCount must be an integer >= 0'],
      ['a fractional count', { maxStalledCount: 0.5 }, 'maxStalledCount must be an integer >= 0'],
    ])('refuses %s, naming the option', (_case, changes, message) => {
      expect(() => assertStalledJobSettings({ ...defaults, ...changes })).toThrow(message);
    });
  });
});
