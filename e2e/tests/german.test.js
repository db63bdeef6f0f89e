// The site in German: an admin switches the language in the settings, and the
// comment form (as it opens, and refused with a bad email) speaks German,
// formally, with no axe violations and valid HTML.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { axeViolations, vnu } from '../lib/checks.js';
import { adminLogsIn, WELCOME } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

describe('the site in German', { timeout: 240_000 }, () => {
  let folio;
  let browser;
  let dir;
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    dir = mkdtempSync(join(tmpdir(), 'folio-e2e-german-'));
    const { context, page } = await newPage(browser, folio.baseURL);
    try {
      await adminLogsIn(page);
      await page.goto('/admin/settings');
      await page.getByLabel('Language', { exact: true }).selectOption('de');
      await page.getByRole('button', { name: 'Save settings', exact: true }).click();
      await page.getByText('Einstellungen gespeichert.').waitFor();
    } finally {
      await context.close();
    }
  });
  after(async () => {
    await browser?.close();
    await folio?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The post with its form, and the same form refused: [name, response] once each is open. */
  async function germanFormPages(page) {
    const opened = await page.goto(WELCOME);
    assert.equal(opened.status(), 200);
    const form = page.locator('form#respond');
    await page.getByRole('heading', { name: 'Schreiben Sie einen Kommentar' }).waitFor();
    const openHtml = await opened.text();
    await form.getByLabel('Name *', { exact: true }).fill('Jana Schmidt');
    await form.getByLabel('E-Mail *', { exact: true }).fill('jana bei example punkt org');
    await form.getByLabel('Kommentar *', { exact: true }).fill('Haben Sie am Samstag geöffnet?');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Kommentar abschicken', exact: true }).click();
    const refused = await posted;
    await page.waitForLoadState('load');
    assert.equal(refused.status(), 422);
    await page.locator('#email-error').waitFor();
    return { openHtml, refusedHtml: await refused.text() };
  }

  test('the form addresses readers formally and keeps what they typed', async () => {
    const { context, page } = await newPage(browser, folio.baseURL);
    try {
      const { openHtml, refusedHtml } = await germanFormPages(page);
      for (const html of [openHtml, refusedHtml]) {
        assert.match(html, /<html lang="de">/);
        assert.ok(html.includes('Ihre E-Mail-Adresse wird nicht veröffentlicht.'));
        assert.ok(html.includes('Erforderliche Felder sind mit <span class="required">*</span> markiert.'));
      }
      assert.ok(refusedHtml.includes('Bitte geben Sie eine gültige E-Mail-Adresse ein'));
      assert.equal(await page.locator('#body').inputValue(), 'Haben Sie am Samstag geöffnet?');
    } finally {
      await context.close();
    }
  });

  test('the German form, open and refused, has no axe violations and valid HTML', async () => {
    const { context, page } = await newPage(browser, folio.baseURL);
    try {
      const { openHtml, refusedHtml } = await germanFormPages(page);
      const { passes, violations } = await axeViolations(page);
      assert.ok(passes >= 10, `axe really checked the page (${passes} rules passed)`);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      const files = [['post-de', openHtml], ['form-errors-de', refusedHtml]].map(([name, html]) => {
        const file = join(dir, `${name}.html`);
        writeFileSync(file, html);
        return file;
      });
      const errors = await vnu(files);
      assert.deepEqual(errors.map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
    } finally {
      await context.close();
    }
  });
});
