import type { PageRequest } from '../store/shop.read-models';
import type { CliIo } from './cli.io';
import { wholeNumber } from './cli.options';
import { type Column, formatTable } from './table.format';
import { counted } from './words';

/** The API's largest page. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const PAGE_OPTIONS = { limit: { type: 'string' }, offset: { type: 'string' } } as const;

export const PAGE_USAGE = `  --limit N             how many to show, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})
  --offset N            how many of the newest to skip (default 0)`;

export function pageRequest(options: { limit?: string; offset?: string }): PageRequest {
  return {
    limit: wholeNumber('--limit', options.limit, {
      min: 1,
      max: MAX_PAGE_SIZE,
      fallback: DEFAULT_PAGE_SIZE,
    }),
    offset: wholeNumber('--offset', options.offset, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    }),
  };
}

/**
 * Prints one page of a list as a table with "N of TOTAL" under it, and the offset of the
 * next page when there is one.
 */
export function printPage<Row>(
  io: CliIo,
  page: { readonly items: readonly Row[]; readonly total: number },
  request: PageRequest,
  /** `noun` is singular: "customer". */
  view: { columns: readonly Column<Row>[]; noun: string; makeCommand: string },
): void {
  const { items, total } = page;
  if (total === 0) {
    io.out(`no ${view.noun}s yet: make some with ${view.makeCommand}`);
    return;
  }
  if (!items.length) {
    io.out(`0 of ${counted(total, view.noun)}: --offset ${request.offset} is past the end`);
    return;
  }
  for (const line of formatTable(view.columns, items, { width: io.terminalColumns })) io.out(line);
  io.out('');
  const shown = `${items.length} of ${counted(total, view.noun)}`;
  const first = request.offset + 1;
  const range = items.length < total ? ` (${first} to ${request.offset + items.length})` : '';
  const next = request.offset + items.length;
  io.out(`${shown}${range}${next < total ? `; the next page: --offset ${next}` : ''}`);
}
