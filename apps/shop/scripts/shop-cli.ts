/**
 * The shop's CLI tools (the seed's tools/ plus `buy`), one entry for all of them:
 *
 *   npm run shop:make-products -- --count 20
 *   npm run shop:make-customers -- --count 10 --seed 42
 *   npm run shop:list-products
 *   npm run shop:list-customers -- --limit 50
 *   npm run shop:buy -- --random --count 5
 *
 * Each npm script passes the tool's name first. The logic lives in src/cli/ (runShopCli),
 * where the tests run it.
 */
import { processIo } from '../src/cli/cli.io';
import { runShopCli } from '../src/cli/shop-cli';

runShopCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exitCode = 1;
  },
);
