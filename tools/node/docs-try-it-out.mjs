// Opens the docs page in Debian's headless Chromium, expands POST /users, creates a user with
// "Try it out", and waits for the 201 on the page. Any request that leaves this machine fails it:
// the page must work offline. Usage: node docs-try-it-out.mjs BASE_URL SCREENSHOT [TOKEN]
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, screenshot, token] = process.argv.slice(2);
const local = new URL(base).host;
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const outside = [];
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.host === local || url.protocol === 'data:' || url.protocol === 'blob:') {
      return route.continue();
    }
    outside.push(route.request().url());
    return route.abort();
  });
  await page.goto(base + '/docs', { waitUntil: 'load' });
  await page.locator('.opblock').first().waitFor({ timeout: 30000 });
  if (token) {
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    await page.locator('.auth-container input').first().fill(token);
    await page.locator('.auth-btn-wrapper button.authorize').click();
    await page.locator('.auth-btn-wrapper button.btn-done').click();
  }
  const operation = page.locator('#operations-users-post_users, .opblock-post:has-text("/users")').first();
  await operation.locator('.opblock-summary').first().click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  const body = operation.locator('textarea.body-param__text');
  await body.fill('{"name": "Made in Chromium", "email": null}');
  await operation.getByRole('button', { name: 'Execute' }).click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 30000 });
  const code = (await status.innerText()).trim();
  const shown = await operation.locator('.live-responses-table .response-col_description').first().innerText();
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ code, shown: shown.slice(0, 300), outside }));
  process.exitCode = code.startsWith('201') && outside.filter(u => !/\.(woff2?|ttf)(\?|$)|fonts\./.test(u)).length === 0 ? 0 : 1;
} catch (e) {
  console.error(String(e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
