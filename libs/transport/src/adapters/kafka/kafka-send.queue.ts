import type { Message, TopicMessages } from 'kafkajs';

/** Sends one produce request and resolves once the brokers acknowledged all of it. */
export type SendBatch = (topicMessages: TopicMessages[]) => Promise<void>;

export interface KafkaSendQueueSettings {
  /** Rough size cap of one coalesced request; a single larger publish goes out alone. */
  readonly maxRequestBytes: number;
  /** A publish not acknowledged this long after it was queued is rejected. */
  readonly timeoutMs: number;
}

interface Pending {
  readonly topic: string;
  readonly messages: readonly Message[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly timer: NodeJS.Timeout;
  /** Rejected (timed out or closed): no longer waited for, and never sent if still queued. */
  settled: boolean;
}

/**
 * Natural batching for the producer: one produce request in flight at a time (what kafkajs'
 * idempotent producer does anyway, under a per-broker lock), and every publish that arrives
 * meanwhile goes out together in the next request. A burst of 10,000 single-event publishes
 * becomes a handful of requests instead of 10,000 round trips, with no linger delay when
 * traffic is light. Publishes are sent in the order they were queued, and one publish's
 * events are never split over two requests.
 */
export class KafkaSendQueue {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closedReason: Error | undefined;

  constructor(
    private readonly sendBatch: SendBatch,
    private readonly settings: KafkaSendQueueSettings,
  ) {}

  send(topic: string, messages: readonly Message[]): Promise<void> {
    if (this.closedReason) return Promise.reject(this.closedReason);
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        topic,
        messages,
        bytes: messages.reduce((sum, message) => sum + approximateSize(message), 0),
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => {
          this.fail(
            pending,
            new Error(
              `publishing ${messages.length} event(s) to "${topic}" was not acknowledged within ` +
                `${this.settings.timeoutMs} ms; it may still be written, so a retry may duplicate it`,
            ),
          );
          this.removeQueued(pending);
        }, this.settings.timeoutMs),
      };
      this.queue.push(pending);
      this.draining ??= this.drain();
    });
  }

  /**
   * Rejects what is still queued and waits for the request in flight. Publishes that arrive
   * later are rejected at once with `reason`.
   */
  async close(reason: Error): Promise<void> {
    this.closedReason = reason;
    for (const pending of this.queue.splice(0)) this.fail(pending, reason);
    await this.draining;
  }

  /** Idle (nothing queued, nothing in flight): what a graceful close waits for first. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      // One microtask first, so publishes issued in the same tick share the first request.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const request = this.nextRequest();
        if (request.length === 0) continue;
        try {
          // Awaited even after its publishes timed out: the next request must not overtake it.
          await this.sendBatch(groupByTopic(request));
          for (const pending of request) this.succeed(pending);
        } catch (error) {
          for (const pending of request) this.fail(pending, error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** The oldest queued publishes up to the size cap; always at least one. */
  private nextRequest(): Pending[] {
    const request: Pending[] = [];
    let bytes = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (request.length > 0 && bytes + next.bytes > this.settings.maxRequestBytes) break;
      this.queue.shift();
      if (next.settled) continue;
      request.push(next);
      bytes += next.bytes;
    }
    return request;
  }

  private removeQueued(pending: Pending): void {
    const index = this.queue.indexOf(pending);
    if (index >= 0) this.queue.splice(index, 1);
  }

  private succeed(pending: Pending): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    pending.resolve();
  }

  private fail(pending: Pending, reason: unknown): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    pending.reject(reason);
  }
}

/** Topics in first-queued order, each with its messages in queue order. */
function groupByTopic(request: readonly Pending[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, messages } of request) {
    const list = byTopic.get(topic);
    if (list) list.push(...messages);
    else byTopic.set(topic, [...messages]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Key, value and headers; Kafka's per-record overhead is small next to our JSON. */
function approximateSize(message: Message): number {
  let size = byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += name.length;
    for (const part of Array.isArray(value) ? value : [value]) size += byteLength(part);
  }
  return size;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
