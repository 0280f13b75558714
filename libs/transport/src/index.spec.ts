import type { EventEnvelope } from '@app/envelope';
import {
  EVENT_PUBLISHER,
  INBOX_STORE,
  InMemoryInboxStore,
  InMemoryJobQueue,
  InMemoryPubSub,
  JOB_QUEUE,
  PUB_SUB,
  readDeadLetter,
  resilientHandler,
  TransportModule,
} from '@app/transport';
import { silentLogger, testEvent, waitFor } from '@app/transport/testing';

describe('@app/transport', () => {
  it('runs a consumer with the usual middleware stack through the public entry points', async () => {
    const pubsub = new InMemoryPubSub({ logger: silentLogger });
    const deadLetters: EventEnvelope[] = [];
    await pubsub.subscribe('user_events.dlq', async (e) => void deadLetters.push(e), {
      group: 'ops',
    });
    const handler = resilientHandler(
      async (event) => {
        if (event.type === 'USER_BANNED') throw new Error('not supported yet');
      },
      {
        handlerName: 'audit_log',
        publisher: pubsub,
        inbox: new InMemoryInboxStore(),
        retry: { maxAttempts: 2, initialDelayMs: 1 },
      },
    );
    await pubsub.subscribe('user_events', handler, { group: 'audit' });
    await pubsub.publish('user_events', [testEvent({ type: 'USER_BANNED' })]);

    await waitFor(() => deadLetters.length === 1);
    expect(readDeadLetter(deadLetters[0])).toMatchObject({ handler: 'audit_log', attempts: 2 });
    await pubsub.close();
    await new InMemoryJobQueue({ logger: silentLogger }).close();
  });

  it('exports the injection tokens and the module', () => {
    expect(new Set([PUB_SUB, EVENT_PUBLISHER, JOB_QUEUE, INBOX_STORE]).size).toBe(4);
    expect(TransportModule.forRoot().module).toBe(TransportModule);
  });
});
