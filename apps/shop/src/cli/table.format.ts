/** One column of a table: its header and how to show a row's cell. */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  /** Numbers read best right-aligned. */
  readonly align?: 'left' | 'right';
  /**
   * May be cut (with "…") to fit a narrow terminal. Ids are never cut: they are what a
   * person copies into the next command.
   */
  readonly shrink?: boolean;
}

export interface TableOptions {
  /**
   * The terminal's width: the table fits it by cutting the shrinkable columns, and its
   * header is bold. Absent (a pipe, a file): plain text, nothing cut, no escape codes.
   */
  readonly width?: number;
}

const GUTTER = '  ';
/** A shrinkable column keeps at least this much (or its header, if longer). */
const MIN_SHRUNK_WIDTH = 8;
const ELLIPSIS = '…';
const BOLD = '\u001b[1m';
const NORMAL = '\u001b[22m';

/** The lines of a table: header, rule, one line per row; no trailing spaces. */
export function formatTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: TableOptions = {},
): string[] {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.cell(row))));
  const natural = columns.map((column, index) =>
    Math.max(displayLength(column.header), ...cells.map((line) => displayLength(line[index]))),
  );
  const widths = options.width === undefined ? natural : fitted(columns, natural, options.width);
  const decorated = options.width !== undefined;

  const line = (texts: readonly string[]) =>
    texts
      .map((text, index) => pad(cut(text, widths[index]), widths[index], columns[index].align))
      .join(GUTTER)
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => (decorated ? '─' : '-').repeat(width)).join(GUTTER);
  return [decorated ? `${BOLD}${header}${NORMAL}` : header, rule, ...cells.map(line)];
}

/**
 * Narrows the shrinkable columns, the widest first, until the table fits `width`; a table
 * whose ids alone are wider stays wider (the terminal wraps it) rather than losing them.
 */
function fitted<Row>(
  columns: readonly Column<Row>[],
  natural: readonly number[],
  width: number,
): number[] {
  const widths = [...natural];
  const floor = columns.map((column) => Math.max(MIN_SHRUNK_WIDTH, displayLength(column.header)));
  let excess = widths.reduce((sum, w) => sum + w, 0) + GUTTER.length * (widths.length - 1) - width;
  while (excess > 0) {
    let widest = -1;
    for (const [index, column] of columns.entries()) {
      if (!column.shrink || widths[index] <= floor[index]) continue;
      if (widest < 0 || widths[index] > widths[widest]) widest = index;
    }
    if (widest < 0) break;
    widths[widest] -= 1;
    excess -= 1;
  }
  return widths;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The characters a person sees: "é" written as e plus an accent, a flag or an astral letter
 * are one each, as a terminal shows them (wide CJK and emoji take two columns there, which
 * this does not try to know).
 */
function characters(text: string): string[] {
  return Array.from(segmenter.segment(text), ({ segment }) => segment);
}

/** Characters as a terminal counts them, near enough. */
export function displayLength(text: string): number {
  return characters(text).length;
}

function cut(text: string, width: number): string {
  const shown = characters(text);
  if (shown.length <= width) return text;
  // "Coffee…", not "Coffee …": a space before the ellipsis reads as a gap.
  const kept = shown.slice(0, Math.max(0, width - 1)).join('');
  return kept.trimEnd() + ELLIPSIS;
}

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayLength(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** A line break or tab inside a cell would break the table's lines apart. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
