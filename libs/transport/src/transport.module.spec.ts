import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InMemoryInboxStore } from './adapters/in-memory/in-memory-inbox.store';
import { InMemoryJobQueue } from './adapters/in-memory/in-memory-job-queue.adapter';
import { InMemoryPubSub } from './adapters/in-memory/in-memory-pub-sub.adapter';
import type { EventPublisher, PubSub } from './ports/event-bus.port';
import { silentLogger } from './testing/silent.logger';
import { testEvent } from './testing/test-event';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  INBOX_STORE,
  JOB_QUEUE,
  PUB_SUB,
} from './transport.constants';
import { TransportModule } from './transport.module';

@Injectable()
class OrdersService {
  constructor(@Inject(EVENT_PUBLISHER) readonly publisher: EventPublisher) {}
}

describe('TransportModule', () => {
  const compile = () =>
    Test.createTestingModule({
      imports: [
        TransportModule.forRoot({
          pubSub: { logger: silentLogger },
          jobQueue: { logger: silentLogger },
        }),
      ],
      providers: [OrdersService],
    }).compile();

  it('provides the in-memory adapters under the port tokens, one pub/sub for all three', async () => {
    const app = await compile();
    const pubSub = app.get<PubSub>(PUB_SUB);
    expect(pubSub).toBeInstanceOf(InMemoryPubSub);
    expect(app.get(EVENT_PUBLISHER)).toBe(pubSub);
    expect(app.get(EVENT_SUBSCRIBER)).toBe(pubSub);
    expect(app.get(OrdersService).publisher).toBe(pubSub);
    expect(app.get(JOB_QUEUE)).toBeInstanceOf(InMemoryJobQueue);
    expect(app.get(INBOX_STORE)).toBeInstanceOf(InMemoryInboxStore);
    await app.close();
  });

  it('leaves INBOX_STORE to another module when asked to', async () => {
    const app = await Test.createTestingModule({
      imports: [TransportModule.forRoot({ inbox: false })],
    }).compile();
    expect(() => app.get(INBOX_STORE)).toThrow();
    expect(app.get(PUB_SUB)).toBeInstanceOf(InMemoryPubSub);
    await app.close();
  });

  it('closes the adapters when the application shuts down', async () => {
    const app = await compile();
    const pubSub = app.get<PubSub>(PUB_SUB);
    await app.close();
    await expect(pubSub.publish('t', testEvent())).rejects.toThrow('closed');
    await expect(app.get<InMemoryJobQueue>(JOB_QUEUE).add('q', 'n', {})).rejects.toThrow('closed');
  });
});
