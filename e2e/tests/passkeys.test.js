// Passkeys (issue 25): the admin adds a passkey on the account page and signs
// in with it from the login page without typing a login name, in Chromium
// with the DevTools protocol's virtual authenticator. WebAuthn needs a host
// name, so this site is http://localhost:PORT. Without JavaScript the login
// page still offers, and accepts, the password.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { axeViolations, vnu } from '../lib/checks.js';
import { ADMIN_PASSWORD, ADMIN_USER } from '../lib/folio.js';
import { adminLogsIn } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

describe('passkeys in Chromium', { timeout: 120_000 }, () => {
  let folio;
  let browser;
  const contexts = [];
  // The pages with passkeys shown, as served, for the Nu HTML Checker.
  const served = {};

  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser({}, { host: 'localhost' }));
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await folio?.stop();
  });

  test('an admin adds a passkey and signs in with it, no login name typed', async () => {
    assert.match(folio.baseURL, /^http:\/\/localhost:\d+$/);
    const { context, page } = await newPage(browser, folio.baseURL);
    contexts.push(context);
    const devtools = await context.newCDPSession(page);
    await devtools.send('WebAuthn.enable');
    const { authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await adminLogsIn(page);
    await page.goto('/admin/account');
    await page.getByLabel('Name of the new passkey').fill('Laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('The passkey “Laptop” is added').waitFor();
    await page.locator('.passkeys li', { hasText: 'Laptop' }).getByText('not used yet').waitFor();
    assert.deepEqual((await axeViolations(page)).violations, [], 'the account page with a passkey');
    served.account = await (await context.request.get('/admin/account')).text();
    const { credentials } = await devtools.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0].isResidentCredential, true, 'a discoverable credential');

    // With a passkey the password alone is not enough: the second step asks for the passkey.
    await context.clearCookies();
    await page.goto('/admin/login');
    await page.getByLabel('Username', { exact: true }).fill(ADMIN_USER);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/admin/login/code');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    assert.deepEqual((await axeViolations(page)).violations, [], 'the second step with a passkey');
    served.second_step = await (await context.request.get('/admin/login/code')).text();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/comments');

    await context.clearCookies();
    await page.goto('/admin/login');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    assert.deepEqual((await axeViolations(page)).violations, [], 'the login page with both paths');
    served.login = await (await context.request.get('/admin/login')).text();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/comments');
    await page.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();

    await page.goto('/admin/account');
    await page.locator('.passkeys li', { hasText: 'Laptop' }).getByText('last used').waitFor();

    // Removed, the passkey still on the device no longer signs in.
    await page.getByRole('button', { name: 'Remove Laptop' }).click();
    await page.getByText('The passkey is removed').waitFor();
    assert.equal(await page.locator('.passkeys li').count(), 0);
    await context.clearCookies();
    await page.goto('/admin/login');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText('That passkey was not accepted').waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/login/passkey');
    await page.getByLabel('Password', { exact: true }).waitFor();
  });

  test('the pages with passkeys are valid HTML (vnu)', async () => {
    assert.ok(served.account && served.login, 'the first test kept the pages');
    assert.match(served.account, /Remove<span class="visually-hidden"> Laptop/);
    const dir = mkdtempSync(join(tmpdir(), 'folio-e2e-passkeys-'));
    try {
      const files = Object.entries(served).map(([name, html]) => {
        const file = join(dir, `${name}.html`);
        writeFileSync(file, html);
        return file;
      });
      // A page with a known error, checked in the same run: proves vnu really looked.
      const canary = join(dir, 'canary-invalid.html');
      writeFileSync(canary, '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></div></p></body></html>');
      const messages = await vnu([...files, canary]);
      const isCanary = (m) => (m.url ?? '').endsWith('/canary-invalid.html');
      assert.ok(messages.some(isCanary), 'vnu reports the canary page');
      const errors = messages.filter((m) => !isCanary(m));
      assert.deepEqual(errors.map((m) => `${(m.url ?? '').split('/').pop()}:${m.lastLine}: ${m.message}`), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without JavaScript the login page offers the password, and it works', async () => {
    const { context, page } = await newPage(browser, folio.baseURL, { javaScriptEnabled: false });
    contexts.push(context);

    const response = await page.goto('/admin/login');

    assert.equal(response.status(), 200);
    assert.equal(await page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible(), false);
    await page.getByLabel('Username', { exact: true }).fill(ADMIN_USER);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/admin/comments');
  });
});
