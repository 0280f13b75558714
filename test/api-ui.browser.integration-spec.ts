import { AppProcess } from '@app/platform/testing/app-process';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

// The pages a person opens in a browser: the GraphQL IDE at /graphql and Swagger UI at
// /docs, driven in headless Chromium (the system's, found or installed by scripts/tools.sh)
// against a running shop on its embedded defaults. Both must work offline: every file the
// page loads comes from the app itself.
const root = join(__dirname, '..');
const PRODUCT = { name: 'Coffee grinder', price: 89.9, stock: 3 };

describe('the API pages in a browser (shop)', () => {
  const shop = new AppProcess('shop', { DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'warn' });
  let browser: Browser;
  let page: Page;
  /** Every URL the page asked for, to check none left the app. */
  let requested: string[];

  beforeAll(async () => {
    const executablePath = execFileSync('bash', ['scripts/tools.sh', 'chromium'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    await shop.start();
    const added = await fetch(`${shop.url}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PRODUCT),
    });
    expect(added.status).toBe(202);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await shop.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    requested = [];
    page.on('request', (request) => requested.push(request.url()));
  });

  afterEach(() => page.close());

  const offsite = () =>
    requested.filter((url) => !url.startsWith(shop.url) && !url.startsWith('data:'));

  it('runs a query in the GraphQL IDE at /graphql and shows its result', async () => {
    await page.goto(`${shop.url}/graphql`);
    const query = page.locator('app-query-editor .cm-content');
    await query.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{ products { total items { name price } } }');
    await page.getByRole('button', { name: 'Send Request' }).click();

    const result = page.locator('app-query-result .cm-content');
    await result.getByText(`"name": "${PRODUCT.name}"`).waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('"total": 1');
    expect(offsite()).toEqual([]);
  }, 60_000);

  it('runs an operation in Swagger UI at /docs and shows its answer', async () => {
    await page.goto(`${shop.url}/docs`);
    const operation = page.locator('#operations-products-products');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    const answer = operation.locator('.live-responses-table');
    await answer.getByText(PRODUCT.name).first().waitFor({ timeout: 30_000 });
    expect(await answer.locator('tr.response .response-col_status').innerText()).toBe('200');
    expect(offsite()).toEqual([]);
  }, 60_000);
});
