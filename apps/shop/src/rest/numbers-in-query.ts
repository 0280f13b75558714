/** Whole or decimal numbers written out plainly, as a person or a client library would. */
const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A query string's parameters with `fields` turned into numbers where their text is a
 * number. Everything else is passed on as it came ("ten", "", `1e3`, a repeated parameter),
 * so the queries refuse it with a message naming the parameter, as they refuse any bad input.
 */
export function numbersInQuery(
  query: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const converted = { ...query };
  for (const field of fields) {
    const value = converted[field];
    if (typeof value === 'string' && NUMERIC_TEXT.test(value)) converted[field] = Number(value);
  }
  return converted;
}

/** The paging parameters every list takes. */
export const PAGE_NUMBERS = ['limit', 'offset'] as const;
