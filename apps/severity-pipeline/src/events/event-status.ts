/** The seed's severities. */
export const EVENT_STATUSES = ['info', 'warning', 'error'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
