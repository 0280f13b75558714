import { DEFAULT_GENERATOR_OPTIONS } from './generator';
import { GENERATOR_USAGE, parseGeneratorArgs, UsageError } from './generator.options';

function options(args: string[], env: Record<string, string> = {}) {
  const command = parseGeneratorArgs(args, env);
  if (command.help) throw new Error('expected options, got --help');
  return command;
}

describe('parseGeneratorArgs', () => {
  it('defaults to 10 events/s over REST to localhost:8000 for 10 s, with a random seed', () => {
    const { options: parsed, json } = options([]);

    expect(parsed).toEqual({ ...DEFAULT_GENERATOR_OPTIONS, seed: expect.stringMatching(/^\d+$/) });
    expect(json).toBe(false);
  });

  it('reads every option', () => {
    const { options: parsed, json } = options([
      '--protocol',
      'grpc',
      '--url',
      'http://hub:8000',
      '--grpc',
      'hub:50051',
      '--rate',
      '2500.5',
      '--duration',
      '0',
      '--batch',
      '100',
      '--concurrency',
      '32',
      '--users',
      '5000',
      '--api-key',
      'key-0123456789abcdef',
      '--idempotency',
      '--seed',
      'nightly',
      '--timeout',
      '2.5',
      '--json',
    ]);

    expect(parsed).toEqual({
      protocol: 'grpc',
      url: 'http://hub:8000',
      grpcTarget: 'hub:50051',
      rate: 2500.5,
      durationSeconds: 0,
      batch: 100,
      concurrency: 32,
      users: 5000,
      apiKey: 'key-0123456789abcdef',
      idempotency: true,
      seed: 'nightly',
      timeoutMs: 2500,
    });
    expect(json).toBe(true);
  });

  it('takes the API key from EVENT_HUB_API_KEY unless --api-key is given', () => {
    expect(options([], { EVENT_HUB_API_KEY: 'from-env-0123456789' }).options.apiKey).toBe(
      'from-env-0123456789',
    );
    expect(
      options(['--api-key', 'from-flag-0123456789'], { EVENT_HUB_API_KEY: 'from-env-0123456789' })
        .options.apiKey,
    ).toBe('from-flag-0123456789');
  });

  it('answers --help and -h with the usage, which names every option', () => {
    expect(parseGeneratorArgs(['--help'])).toEqual({ help: true });
    expect(parseGeneratorArgs(['-h'])).toEqual({ help: true });
    for (const option of [
      '--protocol',
      '--url',
      '--grpc',
      '--rate',
      '--duration',
      '--batch',
      '--concurrency',
      '--users',
      '--api-key',
      '--idempotency',
      '--seed',
      '--json',
    ]) {
      expect(GENERATOR_USAGE).toContain(option);
    }
  });

  it.each([
    [['--protocol', 'graphql'], '--protocol must be rest or grpc, not "graphql"'],
    [['--rate', '0'], '--rate must be a number greater than 0, not "0"'],
    [['--rate', 'fast'], '--rate must be a number greater than 0, not "fast"'],
    [['--duration=-1'], '--duration must be a number at least 0, not "-1"'],
    [['--batch', '2.5'], '--batch must be a whole number at least 1, not "2.5"'],
    [['--concurrency', '0'], '--concurrency must be a whole number at least 1, not "0"'],
    [['--users', ''], '--users must be a whole number at least 1, not ""'],
    [
      ['--url', 'localhost:8000'],
      '--url must be an http(s) URL like http://localhost:8000, not "localhost:8000"',
    ],
    [
      ['--grpc', 'http://localhost:50051'],
      '--grpc must be host:port like localhost:50051, not "http://localhost:50051"',
    ],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseGeneratorArgs(args, {})).toThrow(new UsageError(message));
  });

  it('refuses unknown options and stray arguments', () => {
    expect(() => parseGeneratorArgs(['--rps', '5'], {})).toThrow(UsageError);
    expect(() => parseGeneratorArgs(['5'], {})).toThrow(UsageError);
  });
});
