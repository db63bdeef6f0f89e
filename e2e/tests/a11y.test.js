// axe-core, in the browser, on every page type: zero WCAG 2.1 A/AA violations,
// with the light and with the dark colour scheme.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { axeViolations } from '../lib/checks.js';
import { startFolioAndBrowser } from '../lib/setup.js';
import { WELCOME } from '../lib/journeys.js';
import { openPageType, pageTypes, seedSite } from '../lib/site.js';

describe('accessibility (axe-core, WCAG 2.1 A and AA)', { timeout: 240_000 }, () => {
  let folio;
  let browser;
  let site;
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    site = await seedSite(browser, folio.baseURL);
  });
  after(async () => {
    await browser?.close();
    await folio?.stop();
  });

  test('axe reports a known violation (canary: proves the checker runs)', async () => {
    const { context, page } = await newPage(browser, folio.baseURL);
    try {
      await page.setContent('<!DOCTYPE html><html lang="en"><title>canary</title><main><input type="text"></main></html>');
      const { violations } = await axeViolations(page);
      assert.ok(violations.some((v) => v.id === 'label'), `expected a "label" violation, got ${JSON.stringify(violations)}`);
    } finally {
      await context.close();
    }
  });

  test('keyboard focus is visible: the skip link appears, fields and buttons get an outline', async () => {
    const { context, page } = await newPage(browser, folio.baseURL);
    try {
      await page.goto(WELCOME);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the first Tab lands on the skip link');
      const box = await skip.boundingBox();
      assert.ok(box && box.y >= 0 && box.height > 0, `the focused skip link is on screen (${JSON.stringify(box)})`);
      const outline = (el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      };
      assert.ok((await skip.evaluate(outline)).width >= 2, 'the skip link has a focus outline');
      // Walk the reply form by keyboard, as a person without a mouse would.
      for (const label of ['Name *', 'Email *', 'Website', 'Comment *']) {
        const field = page.locator('form#respond').getByLabel(label, { exact: true });
        await field.focus();
        const o = await field.evaluate(outline);
        assert.ok(o.style !== 'none' && o.width >= 2, `${label} shows focus (${JSON.stringify(o)})`);
      }
      // Then the "Save my name…" box, then the button.
      await page.keyboard.press('Tab');
      const remember = page.locator('form#respond').getByLabel(/^Save my name, email, and website/);
      assert.equal(await remember.evaluate((el) => el === document.activeElement), true, 'Tab from Comment reaches the remember box');
      await page.keyboard.press('Tab');
      const button = page.getByRole('button', { name: 'Post Comment' });
      assert.equal(await button.evaluate((el) => el === document.activeElement), true, 'Tab from the box reaches the button');
      const o = await button.evaluate(outline);
      assert.ok(o.style !== 'none' && o.width >= 2, `the button shows keyboard focus (${JSON.stringify(o)})`);
    } finally {
      await context.close();
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    for (const name of pageTypes({ approved: [{}] }).map((t) => t.name)) {
      test(`${name} (${colorScheme}) has no axe violations`, async (t) => {
        const type = pageTypes(site).find((x) => x.name === name);
        const { context, page } = await newPage(browser, folio.baseURL, {
          colorScheme,
          storageState: type.admin ? site.adminState : undefined,
        });
        try {
          await openPageType(page, type);
          const dark = await page.evaluate(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
          assert.equal(dark, colorScheme === 'dark', 'the colour scheme is really emulated');
          const { passes, violations } = await axeViolations(page);
          assert.ok(passes >= 10, `axe really checked the page (${passes} rules passed)`);
          assert.deepEqual(violations, [], `${name} (${colorScheme}):\n${JSON.stringify(violations, null, 2)}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
