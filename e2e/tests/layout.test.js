// (f) Phone (390 px) and desktop (1280 px): no page scrolls sideways.
// Screenshots of home, post and queue at both widths go to e2e/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { newPage } from '../lib/browser.js';
import { startFolioAndBrowser } from '../lib/setup.js';
import { openPageType, pageTypes, seedSite } from '../lib/site.js';

export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
const CHECKED = ['home', 'post', 'post-form-errors', 'login', 'queue'];
const SHOT = new Set(['home', 'post', 'queue']);

describe('layout at phone and desktop widths', { timeout: 180_000 }, () => {
  let folio;
  let browser;
  let site;
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    site = await seedSite(browser, folio.baseURL);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await folio?.stop();
    console.log(`Screenshots: ${SCREENSHOTS}`);
  });

  for (const viewport of WIDTHS) {
    for (const name of CHECKED) {
      test(`${name} at ${viewport.width} px has no horizontal scroll`, async () => {
        const type = pageTypes(site).find((t) => t.name === name);
        const { context, page } = await newPage(browser, folio.baseURL, {
          viewport,
          storageState: type.admin ? site.adminState : undefined,
        });
        try {
          await openPageType(page, type);
          const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            // what sticks out (absolutely positioned elements first: they escape
            // overflow boxes), to make a failure easy to fix
            wide: [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
              .sort((a, b) => /absolute|fixed/.test(getComputedStyle(b).position) - /absolute|fixed/.test(getComputedStyle(a).position))
              .slice(0, 5)
              .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}` +
                ` (right ${Math.round(el.getBoundingClientRect().right)}, ${getComputedStyle(el).position})`),
          }));
          assert.equal(innerWidth, viewport.width);
          assert.ok(scrollWidth <= innerWidth,
            `${name} at ${viewport.width}px scrolls sideways: scrollWidth ${scrollWidth} > ${innerWidth}; wide: ${wide.join(', ')}`);
          if (SHOT.has(name)) {
            await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}.png`), fullPage: true });
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
