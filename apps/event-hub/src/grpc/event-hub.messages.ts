/**
 * The messages of `proto/event_hub.proto` as the server sees them: proto-loader keeps the
 * proto's snake_case names (`keepCase`) and fills absent fields with their defaults, so an
 * unset string is '' and an unset number 0.
 */
export interface EventInputMessage {
  user_id: string;
  event_type: string;
  amount: number;
  timestamp: string;
  idempotency_key: string;
}

export interface EventMessage extends EventInputMessage {
  id: string;
}

export interface SendEventReply {
  id: string;
  duplicate: boolean;
}

export interface SendEventsReply {
  accepted: number;
  ids: string[];
  duplicates: number;
}

/** Empty fields match any value. */
export interface StreamEventsRequest {
  event_type: string;
  user_id: string;
}
