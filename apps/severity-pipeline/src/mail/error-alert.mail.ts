/** What the error worker knows of an `error` event; a stored SeverityEvent fits as it is. */
export interface ErrorAlertEvent {
  readonly id: string;
  readonly title: string;
  readonly message: string;
  readonly source: string;
  /** A Date, or an ISO 8601 string when the event came through JSON. */
  readonly createdAt: Date | string;
}

export interface ErrorAlertMail {
  readonly subject: string;
  readonly text: string;
}

/** Keeps a subject on one line a mail client shows whole. */
const SUBJECT_TITLE_MAX = 120;

/**
 * The e-mail the error worker sends for an `error` event (the seed's "Worker 2, error +
 * email"): the title and source in the subject, everything an operator needs to find the
 * event in the text, which is plain text so any client shows it as is.
 */
export function buildErrorAlertMail(event: ErrorAlertEvent): ErrorAlertMail {
  const createdAt = new Date(event.createdAt);
  const created = Number.isNaN(createdAt.getTime())
    ? String(event.createdAt)
    : createdAt.toISOString();
  const subject = `[severity-pipeline] ERROR: ${oneLine(event.title, SUBJECT_TITLE_MAX)} (${oneLine(event.source, 60)})`;
  const text = [
    'An error event was recorded by severity-pipeline.',
    '',
    field('Title', event.title),
    field('Source', event.source),
    field('Created', created),
    field('Event id', event.id),
    '',
    'Message:',
    indent(event.message === '' ? '(empty)' : event.message),
    '',
    `Look it up with GET /api/events/${event.id}`,
    '',
  ].join('\n');
  return { subject, text };
}

function field(name: string, value: string): string {
  return `${`${name}:`.padEnd(10)}${oneLine(value)}`;
}

/** A header must not break lines (it would end the header); long ones are cut with `…`. */
function oneLine(value: string, max = Infinity): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The message may span lines; indenting each keeps it apart from the fields. */
function indent(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}
