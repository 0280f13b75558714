import type { Product } from '../store/shop.read-models';
import { COMMON_USAGE, readOptions, shopUrl } from './cli.options';
import { type CliTool, EXIT_OK } from './cli.tool';
import { PAGE_OPTIONS, PAGE_USAGE, pageRequest, printPage } from './list-page';
import { formatMoney } from './money';
import { ShopApiClient } from './shop-api.client';

/** The seed's `tools/list_products.py`: the products store, read through the API. */
export const listProductsTool: CliTool = {
  name: 'list-products',
  summary: 'list the products with price and stock',
  usage: `Lists the shop's products, newest first, with their price and the units left
(GET /products).

Usage: npm run shop:list-products -- [options]

${PAGE_USAGE}
${COMMON_USAGE}`,

  async run(args, io) {
    const options = readOptions(args, PAGE_OPTIONS);
    const client = new ShopApiClient({ url: shopUrl(options.url, io.env) });
    const request = pageRequest(options);
    printPage<Product>(io, await client.products(request), request, {
      columns: [
        { header: 'ID', cell: (product) => product.productId },
        { header: 'NAME', cell: (product) => product.name, shrink: true },
        { header: 'PRICE', cell: (product) => formatMoney(product.price), align: 'right' },
        { header: 'STOCK', cell: (product) => String(product.stock), align: 'right' },
      ],
      noun: 'product',
      makeCommand: 'npm run shop:make-products',
    });
    return EXIT_OK;
  },
};
