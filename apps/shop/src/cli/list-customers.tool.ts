import type { Customer } from '../store/shop.read-models';
import { COMMON_USAGE, readOptions, shopUrl } from './cli.options';
import { type CliTool, EXIT_OK } from './cli.tool';
import { PAGE_OPTIONS, PAGE_USAGE, pageRequest, printPage } from './list-page';
import { formatMoney, totalOf } from './money';
import { ShopApiClient } from './shop-api.client';

/** The seed's `tools/list_customers.py`: the customers store, read through the API. */
export const listCustomersTool: CliTool = {
  name: 'list-customers',
  summary: 'list the customers with what they own',
  usage: `Lists the shop's customers, newest first, with how many items each owns and what
they spent (GET /customers).

Usage: npm run shop:list-customers -- [options]

${PAGE_USAGE}
${COMMON_USAGE}`,

  async run(args, io) {
    const options = readOptions(args, PAGE_OPTIONS);
    const client = new ShopApiClient({ url: shopUrl(options.url, io.env) });
    const request = pageRequest(options);
    printPage<Customer>(io, await client.customers(request), request, {
      columns: [
        { header: 'ID', cell: (customer) => customer.customerId },
        { header: 'NAME', cell: (customer) => customer.name, shrink: true },
        { header: 'E-MAIL', cell: (customer) => customer.email, shrink: true },
        { header: 'ITEMS', cell: (customer) => String(itemsOwned(customer)), align: 'right' },
        {
          header: 'SPENT',
          cell: (customer) => formatMoney(totalOf(customer.owned)),
          align: 'right',
        },
      ],
      noun: 'customer',
      makeCommand: 'npm run shop:make-customers',
    });
    return EXIT_OK;
  },
};

/** Units, not purchases: two of a thing bought at once are two items. */
function itemsOwned(customer: Customer): number {
  return customer.owned.reduce((sum, item) => sum + item.quantity, 0);
}
