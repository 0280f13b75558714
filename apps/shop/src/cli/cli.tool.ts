import type { CliIo } from './cli.io';

/** Exit codes: the shop did all it was asked, it did not (or could not be reached), bad options. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** One of the shop's CLI tools (`make-customers`, `buy`, ...). */
export interface CliTool {
  /** As typed after the entry script, and in the npm script `shop:<name>`. */
  readonly name: string;
  /** One line for the list of tools. */
  readonly summary: string;
  /** What `--help` prints. */
  readonly usage: string;
  /**
   * Runs the tool with its arguments (after its name) and resolves to the exit code. Throws
   * UsageError for a bad command line, ShopUnreachableError or ShopApiError when the shop
   * could not do what the whole run needed; the runner prints them as one line.
   */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
