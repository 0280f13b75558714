import { buyTool } from './buy.tool';
import type { CliIo } from './cli.io';
import { UsageError } from './cli.options';
import { type CliTool, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './cli.tool';
import { listCustomersTool } from './list-customers.tool';
import { listProductsTool } from './list-products.tool';
import { makeCustomersTool } from './make-customers.tool';
import { makeProductsTool } from './make-products.tool';
import { ShopApiError, ShopUnreachableError } from './shop-api.errors';

/** The seed's tools/ and `buy`, in the order a first session uses them. */
export const SHOP_TOOLS: readonly CliTool[] = [
  makeProductsTool,
  makeCustomersTool,
  listProductsTool,
  listCustomersTool,
  buyTool,
];

const width = Math.max(...SHOP_TOOLS.map((tool) => tool.name.length));
export const SHOP_CLI_USAGE = `The shop's tools: they call a running shop's REST API like any client (start the shop with
\`npm start\`), so what they make goes through the shop's commands and events.

Usage: npm run shop:<tool> -- [options]    (--help after a tool lists its options)

${SHOP_TOOLS.map((tool) => `  ${tool.name.padEnd(width)}  ${tool.summary}`).join('\n')}`;

/**
 * Runs one tool: `argv` is the tool's name and its arguments. Resolves to the exit code;
 * whatever stops a run (bad options, the shop unreachable or refusing) is one line on
 * standard error, never a stack trace. Anything else is a bug and is thrown with its stack.
 */
export async function runShopCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(SHOP_CLI_USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const tool = SHOP_TOOLS.find((candidate) => candidate.name === name);
  if (!tool) {
    const names = SHOP_TOOLS.map((candidate) => candidate.name).join(', ');
    io.err(`unknown tool "${name}": the tools are ${names}`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(tool.usage);
    return EXIT_OK;
  }
  try {
    return await tool.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${tool.name}: ${error.message} (--help lists the options)`);
      return EXIT_USAGE;
    }
    if (error instanceof ShopUnreachableError || error instanceof ShopApiError) {
      io.err(`${tool.name}: ${error.message}`);
      return EXIT_FAILED;
    }
    throw error;
  }
}
