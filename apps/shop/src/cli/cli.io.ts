/**
 * What a tool writes to and reads from, so the tests run the tools in-process and read what
 * they printed. `processIo` is the real terminal.
 */
export interface CliIo {
  /** One line of the result (tables, ids): standard output. */
  out(line: string): void;
  /** One line of progress or trouble: standard error, so a pipe gets the result alone. */
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The terminal's width when standard output is a terminal: tables then fit it and get a
   * bold header. Undefined for a pipe or a file, which get plain text cut nowhere.
   */
  readonly terminalColumns?: number;
}

export function processIo(): CliIo {
  const { stdout, stderr } = process;
  return {
    out: (line) => stdout.write(`${line}\n`),
    err: (line) => stderr.write(`${line}\n`),
    env: process.env,
    terminalColumns: stdout.isTTY ? stdout.columns || 80 : undefined,
  };
}
