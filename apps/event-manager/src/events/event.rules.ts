/** Where an event comes from: the seed's two sources. */
export const EVENT_SOURCES = ['users', 'products'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Column sizes, enforced on input so the database never truncates or rejects a write. */
export const NAME_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_LENGTH = 2000;
