import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { createEventHubClient, sendEvent, sendEvents } from '../grpc/event-hub.client';
import { describeError, type EventSender, isErrorLike, type SendOutcome } from './event.sender';

export interface GrpcSenderOptions {
  /** host:port of the hub's gRPC server, e.g. localhost:50051. */
  target: string;
  /** Sent as metadata `x-api-key` when set. */
  apiKey?: string;
  /** Every request is one `SendEvents` client stream, else one `SendEvent` each. */
  batch: boolean;
  /** A call not answered by then ends with DEADLINE_EXCEEDED and counts as failed. */
  timeoutMs: number;
}

/**
 * Codes that mean the hub refused this input or this caller: sending the same again would
 * fail the same way. Every other code (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, ...) is a
 * failure of the hub or the network.
 */
const REJECTIONS: ReadonlySet<status> = new Set([
  status.INVALID_ARGUMENT,
  status.UNAUTHENTICATED,
  status.PERMISSION_DENIED,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
]);

/** Sends events over the hub's gRPC API (one channel, as the seed's grpc_client.py). */
export function grpcSender(options: GrpcSenderOptions): EventSender {
  const client = createEventHubClient(options.target);
  const metadata = new Metadata();
  if (options.apiKey) metadata.set('x-api-key', options.apiKey);

  return {
    async send(events): Promise<SendOutcome> {
      const call = { deadline: Date.now() + options.timeoutMs };
      try {
        if (!options.batch) {
          const reply = await sendEvent(client, events[0], metadata, call);
          return { status: 'accepted', accepted: 1, duplicates: reply.duplicate ? 1 : 0 };
        }
        const reply = await sendEvents(client, events, metadata, call);
        return { status: 'accepted', accepted: reply.accepted, duplicates: reply.duplicates };
      } catch (error) {
        if (!isServiceError(error)) return { status: 'failed', message: describeError(error) };
        const message = `${status[error.code]}: ${error.details.trim()}`;
        return REJECTIONS.has(error.code)
          ? { status: 'rejected', message }
          : { status: 'failed', message };
      }
    },
    async close() {
      client.close();
    },
  };
}

function isServiceError(error: unknown): error is ServiceError {
  return isErrorLike(error) && typeof (error as Partial<ServiceError>).code === 'number';
}
