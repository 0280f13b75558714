import type { CustomerAccepted, RegisterCustomerInput } from '../commands/shop.commands.port';
import { COMMON_USAGE, readOptions, seed, shopUrl, wholeNumber } from './cli.options';
import type { CliTool } from './cli.tool';
import { MAX_MADE_AT_ONCE, makeSamples } from './make-samples';
import { SampleDataFactory } from './sample-data.factory';
import { ShopApiClient } from './shop-api.client';

/** The seed's `tools/make_customers_db.py`, through the API instead of into the database. */
export const makeCustomersTool: CliTool = {
  name: 'make-customers',
  summary: 'register realistic sample customers',
  usage: `Registers realistic sample customers through the shop's REST API (POST /customers), as
any client would: each becomes a CUSTOMER_REGISTERED event, so a replay of the log makes
them again. The e-mail addresses are made up (example.com, example.net, example.org) and
never repeat within a run.

Usage: npm run shop:make-customers -- [options]

  --count N             customers to register, 1 to ${MAX_MADE_AT_ONCE} (default 10)
  --seed N              the same seed makes the same people (default: a random one, printed)
${COMMON_USAGE}

Prints the customers the shop accepted and a summary. Exit code 0 when it accepted all of
them, 1 otherwise, 2 for bad options.`,

  async run(args, io) {
    const options = readOptions(args, { count: { type: 'string' }, seed: { type: 'string' } });
    const client = new ShopApiClient({ url: shopUrl(options.url, io.env) });
    const count = wholeNumber('--count', options.count, {
      min: 1,
      max: MAX_MADE_AT_ONCE,
      fallback: 10,
    });
    const factory = new SampleDataFactory(seed(options.seed));
    return makeSamples<RegisterCustomerInput, CustomerAccepted>(io, {
      inputs: factory.customers(count),
      send: (customer) => client.registerCustomer(customer),
      columns: [
        { header: 'ID', cell: ({ accepted }) => accepted.customerId },
        { header: 'NAME', cell: ({ input }) => input.name, shrink: true },
        { header: 'E-MAIL', cell: ({ input }) => input.email, shrink: true },
      ],
      describe: ({ name, email }) => `${name} <${email}>`,
      noun: 'customer',
      seed: factory.seed,
      seedGiven: options.seed !== undefined,
      listCommand: 'npm run shop:list-customers',
    });
  },
};
