import pino from 'pino';
import { Writable } from 'node:stream';
import { AppConfig } from '../config/app.config';
import { fieldsOfEvent, withEventLogContext } from './event-log.context';
import { pinoOptions, resolvedLogFormat } from './pino-options';

class RoleConfig extends AppConfig {
  ROLE = 'consumer';
}

/** A JSON pino logger with the app's options, and the lines it wrote, parsed. */
function jsonLogger(config: AppConfig = new RoleConfig()) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(pinoOptions('shop', config, 'json'), sink), lines };
}

const event = {
  id: '0192b7a4-0000-7000-8000-000000000001',
  type: 'PRODUCT_PURCHASED',
  correlationid: 'corr-1',
  causationid: 'cause-1',
};

describe('pino options', () => {
  it('puts the app, its role, the time and the message on every line', () => {
    const { logger, lines } = jsonLogger();
    logger.info({ context: 'Bootstrap' }, 'shop listening');
    expect(lines).toEqual([
      expect.objectContaining({
        app: 'shop',
        role: 'consumer',
        level: 30,
        context: 'Bootstrap',
        msg: 'shop listening',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      }),
    ]);
  });

  it("adds the event's id, correlation and causation ids to the lines written while it is handled", async () => {
    const { logger, lines } = jsonLogger();
    await withEventLogContext({ ...fieldsOfEvent(event), topic: 'shop_events' }, async () => {
      await Promise.resolve();
      logger.warn('stock is low');
    });
    logger.info('between events');
    expect(lines[0]).toMatchObject({
      msg: 'stock is low',
      eventId: event.id,
      eventType: 'PRODUCT_PURCHASED',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      topic: 'shop_events',
    });
    expect(lines[1]).not.toHaveProperty('eventId');
  });

  it('writes what LOG_LEVEL lets through, in pino terms (log is info)', () => {
    const config = Object.assign(new RoleConfig(), { LOG_LEVEL: 'warn' as const });
    const { logger, lines } = jsonLogger(config);
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('writes one readable line at a terminal and JSON elsewhere when the format is auto', () => {
    const auto = new AppConfig();
    expect(resolvedLogFormat(auto, true)).toBe('text');
    expect(resolvedLogFormat(auto, false)).toBe('json');
    expect(resolvedLogFormat(Object.assign(new AppConfig(), { LOG_FORMAT: 'json' }), true)).toBe(
      'json',
    );
    expect(pinoOptions('shop', auto, 'text').transport).toMatchObject({
      target: 'pino-pretty',
      options: { singleLine: true },
    });
  });
});
