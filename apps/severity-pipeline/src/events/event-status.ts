/** The seed's severities. */
export const EVENT_STATUSES = ['info', 'warning', 'error'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export function isEventStatus(value: unknown): value is EventStatus {
  return EVENT_STATUSES.some((status) => status === value);
}
