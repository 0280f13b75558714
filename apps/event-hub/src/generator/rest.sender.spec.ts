import type { GeneratedEvent } from './event.factory';
import { restSender } from './rest.sender';
import { StubHubServer } from './testing/stub-hub.server';

function anEvent(overrides: Partial<GeneratedEvent> = {}): GeneratedEvent {
  return {
    user_id: 'user_0042',
    event_type: 'purchase',
    amount: 150.75,
    timestamp: '2026-11-23T18:30:00.000Z',
    ...overrides,
  };
}

describe('restSender', () => {
  const hub = new StubHubServer();
  let url: string;

  beforeAll(async () => {
    url = await hub.start();
  });

  beforeEach(() => {
    hub.requests.length = 0;
    hub.answer = ({ path }) =>
      path === '/events/batch'
        ? { status: 202, body: { accepted: 2, ids: ['a', 'b'], duplicates: 1 } }
        : { status: 202, body: { id: 'a', duplicate: false } };
  });

  afterAll(() => hub.stop());

  it('POSTs one event as JSON to /events with its API key, and counts a 202 as accepted', async () => {
    const sender = restSender({
      url: `${url}/`,
      apiKey: 'key-0123456789abcdef',
      batch: false,
      timeoutMs: 5000,
    });

    const outcome = await sender.send([anEvent()]);

    expect(outcome).toEqual({ status: 'accepted', accepted: 1, duplicates: 0 });
    expect(hub.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/events', body: anEvent() }),
    ]);
    expect(hub.requests[0].headers).toMatchObject({
      'content-type': 'application/json',
      'x-api-key': 'key-0123456789abcdef',
    });
  });

  it('counts a single event answered as a duplicate', async () => {
    hub.answer = () => ({ status: 202, body: { id: 'a', duplicate: true } });
    const sender = restSender({ url, batch: false, timeoutMs: 5000 });

    expect(await sender.send([anEvent({ idempotency_key: 'k-1' })])).toEqual({
      status: 'accepted',
      accepted: 1,
      duplicates: 1,
    });
  });

  it('POSTs a batch as { events } to /events/batch and takes the counts from the answer', async () => {
    const sender = restSender({ url, batch: true, timeoutMs: 5000 });
    const events = [anEvent(), anEvent({ event_type: 'refund', amount: 3 })];

    const outcome = await sender.send(events);

    expect(outcome).toEqual({ status: 'accepted', accepted: 2, duplicates: 1 });
    expect(hub.requests).toEqual([
      expect.objectContaining({ path: '/events/batch', body: { events } }),
    ]);
    expect(hub.requests[0].headers).not.toHaveProperty('x-api-key');
  });

  it('counts a 400 as rejected, with the status and the message of the body', async () => {
    hub.answer = () => ({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'amount: must not be negative' },
    });
    const sender = restSender({ url, batch: false, timeoutMs: 5000 });

    expect(await sender.send([anEvent()])).toEqual({
      status: 'rejected',
      message: '400 Bad Request: amount: must not be negative',
    });
  });

  it('counts a 401 as rejected, even with a body that is not JSON', async () => {
    hub.answer = () => ({ status: 401, body: undefined });
    const sender = restSender({ url, batch: false, timeoutMs: 5000 });

    expect(await sender.send([anEvent()])).toEqual({
      status: 'rejected',
      message: '401 Unauthorized: (empty body)',
    });
  });

  it('counts a 5xx as failed', async () => {
    hub.answer = () => ({ status: 503, body: { message: ['queue', 'unavailable'] } });
    const sender = restSender({ url, batch: true, timeoutMs: 5000 });

    expect(await sender.send([anEvent()])).toEqual({
      status: 'failed',
      message: '503 Service Unavailable: queue; unavailable',
    });
  });

  it('counts a request without an answer within the timeout as failed', async () => {
    hub.answer = () => 'hang';
    const sender = restSender({ url, batch: false, timeoutMs: 50 });

    expect(await sender.send([anEvent()])).toEqual({
      status: 'failed',
      message: 'no answer within 50 ms',
    });
  });

  it('counts a refused connection as failed, naming the reason', async () => {
    const gone = new StubHubServer();
    const goneUrl = await gone.start();
    await gone.stop();
    const sender = restSender({ url: goneUrl, batch: false, timeoutMs: 5000 });

    const outcome = await sender.send([anEvent()]);

    expect(outcome).toEqual({ status: 'failed', message: expect.stringMatching(/ECONNREFUSED/) });
  });
});
