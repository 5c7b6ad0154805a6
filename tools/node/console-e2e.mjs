// A person's path through the console in Debian's headless Chromium, on a real server: sign in,
// users (create, find, edit, a conflict made by another client, errors, delete), groups (create,
// add and remove a member, seen on the user's page), operations, a missing scope, the server
// gone; axe-core on every page at desktop and phone widths; screenshots; no request may leave
// this machine, no script may run from data, and the page may break no rule of its own policy.
// Usage: node console-e2e.mjs BASE ADMIN_TOKEN READ_TOKEN OUT_DIR CUT_URL OPEN_BASE
// (OPEN_BASE: a server on loopback with no tokens, where the console works at once.)
// Prints one JSON line of what it measured; exits non-zero on the first failed step.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [base, adminToken, readToken, out, cutUrl, openBase] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const locals = [new URL(base).host, new URL(openBase).host];
const outside = [];
const alerts = [];
const policyBreaks = [];
const axeFindings = [];
const steps = [];
const report = {};

function expect(condition, what) {
  if (!condition) {
    throw new Error(`failed: ${what}`);
  }
}

async function api(method, path, body, token = adminToken) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

async function watched(context) {
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (locals.includes(url.host) || url.protocol === 'data:' || url.protocol === 'blob:') {
      return route.continue();
    }
    outside.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', dialog => {
    alerts.push(dialog.message());
    dialog.dismiss();
  });
  page.on('console', message => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) {
      policyBreaks.push(message.text());
    }
  });
  page.on('pageerror', error => policyBreaks.push(`page error: ${error.message}`));
  return page;
}

async function axe(page, name) {
  for (const [width, height] of [[1280, 800], [360, 740]]) {
    await page.setViewportSize({ width, height });
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => await window.axe.run(document, {
      resultTypes: ['violations'],
    }));
    for (const violation of result.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        axeFindings.push(`${name} at ${width}px: ${violation.id} (${violation.impact}): `
          + violation.nodes.map(node => node.target.join(' ')).slice(0, 3).join(', '));
      }
    }
    await page.screenshot({ path: join(out, `console-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const step = async (name, run) => {
  steps.push(name);
  await run();
};

try {
  // The first load, timed: bytes transferred and the list's first paint, from a trace.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await watched(context);
  let bytes = 0;
  page.on('requestfinished', async request => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) {
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    }
  });

  await step('sign in', async () => {
    await page.goto(`${base}/console`);
    expect(page.url() === `${base}/console/#/users` || page.url() === `${base}/console/`, `redirected to /console/, at ${page.url()}`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await axe(page, 'sign-in');
    await page.getByLabel('Token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    await axe(page, 'users');
    await page.screenshot({ path: join(out, 'console-users-top-1280.png') });
    const stored = await page.evaluate(() => ({ session: Object.keys(sessionStorage), cookie: document.cookie, local: Object.keys(localStorage) }));
    expect(stored.cookie === '' && stored.local.length === 0 && stored.session.length === 1, `the token is in sessionStorage only: ${JSON.stringify(stored)}`);
    expect(!page.url().includes(adminToken), 'no token in the URL');
  });

  await step('first paint of the list, traced', async () => {
    const traced = await context.newPage();
    await traced.addInitScript(token => sessionStorage.setItem('userbase.console.token', token), adminToken);
    bytes = 0;
    let firstLoadBytes = 0;
    traced.on('requestfinished', async request => {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) {
        firstLoadBytes += sizes.responseBodySize + sizes.responseHeadersSize;
      }
    });
    await browser.startTracing(traced, { path: join(out, 'console-trace.json'), screenshots: false });
    await traced.goto(`${base}/console/#/users`);
    await traced.waitForFunction(() => performance.getEntriesByName('users-listed').length > 0);
    await traced.evaluate(() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0))));
    await browser.stopTracing();
    const timing = await traced.evaluate(() => ({
      listed: performance.getEntriesByName('users-listed')[0].startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      rows: document.querySelectorAll('tbody tr').length,
    }));
    const trace = JSON.parse(readFileSync(join(out, 'console-trace.json'), 'utf8'));
    const events = trace.traceEvents || trace;
    const start = events.find(e => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame)?.ts;
    const listed = events.filter(e => e.name === 'users-listed').map(e => e.ts)[0];
    const paints = events.filter(e => e.name === 'Paint' || e.name === 'PaintImage' || e.name === 'Commit').map(e => e.ts).filter(ts => listed && ts >= listed);
    report.firstLoadBytes = firstLoadBytes;
    report.listedMs = Math.round(timing.listed);
    report.firstContentfulPaintMs = timing.fcp === undefined ? null : Math.round(timing.fcp);
    report.listPaintedMsFromTrace = start && paints.length ? Math.round((paints[0] - start) / 1000) : null;
    report.rowsShown = timing.rows;
    await traced.close();
  });

  let ada;
  await step('create a user', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    await axe(page, 'new-user');
    await page.getByLabel('Name').fill('Ada Console');
    await page.getByLabel('Email').fill('ada@console.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Ada Console' }).waitFor();
    await page.getByText('User created.').waitFor();
    ada = Number(page.url().split('/').pop());
    expect(ada > 0, 'the new user has an id in the URL');
  });

  await step('find it by searching', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Search users').fill('ada con');
    await page.getByRole('link', { name: 'Ada Console' }).click();
    await page.getByRole('heading', { name: 'Ada Console' }).waitFor();
    await axe(page, 'user');
  });

  await step('edit its email', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Email').fill('ada.l@console.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.getByText('ada.l@console.example').waitFor();
  });

  await step('meet a conflict and re-apply', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    const other = await api('PATCH', `/users/${ada}`, { name: 'Ada Elsewhere' });
    expect(other.status === 200, `another client's change: ${other.status}`);
    await page.getByLabel('Email').fill('ada.c@console.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Someone else changed this user while you were editing').waitFor();
    await page.getByText('Ada Elsewhere').first().waitFor();
    await page.screenshot({ path: join(out, 'console-conflict-1280.png'), fullPage: true });
    const between = await api('GET', `/users/${ada}`);
    expect(between.body.email === 'ada.l@console.example', 'nothing was overwritten');
    await page.getByRole('button', { name: 'Re-apply my change' }).click();
    expect(await page.getByLabel('Email').inputValue() === 'ada.c@console.example', 'my change is back in the form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const after = await api('GET', `/users/${ada}`);
    expect(after.body.email === 'ada.c@console.example' && after.body.version === 4, `re-applied over version 3: ${JSON.stringify(after.body)}`);
  });

  await step('errors next to their fields', async () => {
    await api('POST', '/users', { name: 'Taken', email: 'dup@console.example' });
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Name').fill('Second');
    await page.getByLabel('Email').fill('dup@console.example');
    await page.getByRole('button', { name: 'Save' }).click();
    const emailError = page.locator('[data-error-for="email"]');
    await emailError.filter({ hasText: /.+/ }).waitFor();
    report.duplicateEmail = await emailError.innerText();
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-error-for="name"]').filter({ hasText: /.+/ }).waitFor();
    report.invalidEmail = await emailError.innerText();
    report.blankName = await page.locator('[data-error-for="name"]').innerText();
    expect(/valid email/.test(report.invalidEmail), `the email's own error: ${report.invalidEmail}`);
    expect(await page.getByText(/Request id: [0-9a-f]+/).count() > 0, 'the request id is shown');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  await step('groups: create one, add and remove a member', async () => {
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    await axe(page, 'groups');
    await page.getByRole('button', { name: 'New group' }).click();
    await page.getByLabel('Name').fill('Console Team');
    await page.getByLabel('Description').fill('Made in the console');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Console Team' }).waitFor();
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByLabel('Find user').fill('ada');
    await page.getByRole('button', { name: 'Add Ada Console' }).click();
    await page.getByText('Ada Console is a member now.').waitFor();
    await page.getByRole('button', { name: 'Remove Ada Console' }).waitFor();
    await axe(page, 'group');
    await page.getByRole('link', { name: 'Ada Console' }).click();
    await page.getByRole('heading', { name: 'Ada Console' }).waitFor();
    await page.getByRole('link', { name: 'Console Team' }).click();
    await page.getByRole('button', { name: 'Remove Ada Console' }).click();
    await page.getByText('Ada Console is no longer a member.').waitFor();
    const left = await api('GET', `/users/${ada}/groups`);
    expect(left.body.items.length === 0, 'the membership is gone');
  });

  await step('text stays text', async () => {
    await api('POST', '/users', { name: '<img src=x onerror=alert(1)>' });
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Search users').fill('<img');
    const link = page.getByRole('link', { name: '<img src=x onerror=alert(1)>' });
    await link.waitFor();
    expect(await page.locator('main img').count() === 0, 'no image was made from a name');
    await link.click();
    await page.getByRole('heading', { name: '<img src=x onerror=alert(1)>' }).waitFor();
  });

  await step('operations', async () => {
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByText('Status: ').waitFor();
    await axe(page, 'operations');
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText('Backed up', { exact: true }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    const saved = join(out, 'console-export.ndjson');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8').includes('"name":"Ada Console"'), 'the export has the user');
  });

  await step('delete the user', async () => {
    await page.goto(`${base}/console/#/users/${ada}`);
    await page.getByRole('heading', { name: 'Ada Console' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api('GET', `/users/${ada}`)).status === 200, 'Cancel deletes nothing');
    await page.getByRole('button', { name: 'Delete' }).click();
    await axe(page, 'confirm-delete');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('User “Ada Console” deleted.').waitFor();
    expect((await api('GET', `/users/${ada}`)).status === 404, 'the user is gone');
  });

  await step('a missing scope is named', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Token').fill(readToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Name').fill('Not allowed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Not allowed with this token').waitFor();
    report.missingScope = await page.getByRole('alert').innerText();
    expect(report.missingScope.includes('users:write'), 'the scope is named');
  });

  await step('the server gone', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect((await fetch(cutUrl)).status === 204, 'the proxy is cut');
    await page.getByLabel('Search users').fill('anyone');
    await page.getByText('The server cannot be reached').waitFor();
    await page.screenshot({ path: join(out, 'console-server-gone-1280.png'), fullPage: true });
  });

  await context.close();

  await step('no tokens on loopback: it works at once', async () => {
    const open = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await watched(open);
    await page.goto(`${openBase}/console/`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByText('No token').waitFor();
    expect(await page.getByRole('heading', { name: 'Sign in' }).count() === 0, 'no sign-in asked');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Name').fill('Local Person');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Local Person' }).waitFor();
    await open.close();
  });

  expect(outside.length === 0, `requests left the machine: ${outside}`);
  expect(alerts.length === 0, `a script ran from data: ${alerts}`);
  expect(policyBreaks.length === 0, `the page broke its policy: ${policyBreaks}`);
  expect(axeFindings.length === 0, `axe-core: ${axeFindings.join('; ')}`);
  console.log(JSON.stringify({ ok: true, steps, ...report }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, steps, error: String(e), outside, alerts, policyBreaks, axeFindings, ...report }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
