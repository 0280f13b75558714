/** Longest string echoed back in an error message; a whole payload would drown the log line. */
const MAX_ECHOED_LENGTH = 100;

/**
 * Renders a bad value for an error message so that its type shows: strings are quoted
 * (`"42"` is not `42`), containers are named rather than dumped.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

function quote(text: string): string {
  return text.length <= MAX_ECHOED_LENGTH
    ? JSON.stringify(text)
    : `${JSON.stringify(text.slice(0, MAX_ECHOED_LENGTH))}...`;
}

/** `: did you mean "USER_CREATED"?`, or nothing when there is no suggestion. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `: did you mean "${suggestion}"?`;
}
