import type { AddProductInput, ProductAccepted } from '../commands/shop.commands.port';
import { COMMON_USAGE, readOptions, seed, shopUrl, wholeNumber } from './cli.options';
import type { CliTool } from './cli.tool';
import { MAX_MADE_AT_ONCE, makeSamples } from './make-samples';
import { formatMoney } from './money';
import { PRICE_RANGE, SampleDataFactory, STOCK_RANGE } from './sample-data.factory';
import { ShopApiClient } from './shop-api.client';

/** The seed's `tools/make_products_db.py`, through the API instead of into the database. */
export const makeProductsTool: CliTool = {
  name: 'make-products',
  summary: 'add realistic sample products',
  usage: `Adds realistic sample products through the shop's REST API (POST /products), as the
operator would: each becomes a PRODUCT_ADDED event, so a replay of the log makes them
again. Prices run from ${formatMoney(PRICE_RANGE.min)} to ${formatMoney(PRICE_RANGE.max)}, mostly low; stock from ${STOCK_RANGE.min} to ${STOCK_RANGE.max}.

Usage: npm run shop:make-products -- [options]

  --count N             products to add, 1 to ${MAX_MADE_AT_ONCE} (default 10)
  --seed N              the same seed makes the same products (default: a random one, printed)
${COMMON_USAGE}

Prints the products the shop accepted and a summary. Exit code 0 when it accepted all of
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
    return makeSamples<AddProductInput, ProductAccepted>(io, {
      inputs: factory.products(count),
      send: (product) => client.addProduct(product),
      columns: [
        { header: 'ID', cell: ({ accepted }) => accepted.productId },
        { header: 'NAME', cell: ({ input }) => input.name, shrink: true },
        { header: 'PRICE', cell: ({ input }) => formatMoney(input.price), align: 'right' },
        { header: 'STOCK', cell: ({ input }) => String(input.stock), align: 'right' },
      ],
      describe: ({ name }) => `"${name}"`,
      noun: 'product',
      seed: factory.seed,
      seedGiven: options.seed !== undefined,
      listCommand: 'npm run shop:list-products',
    });
  },
};
