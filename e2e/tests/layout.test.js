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
const CHECKED = ['home', 'post', 'post-form-errors', 'login', 'queue', 'email-link'];
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

  test('queue at 390 px shows each comment as a card with its text and actions on screen', async () => {
    const type = pageTypes(site).find((t) => t.name === 'queue');
    const { context, page } = await newPage(browser, folio.baseURL, {
      viewport: WIDTHS[0],
      storageState: site.adminState,
    });
    try {
      await openPageType(page, type);
      const { innerScroll, offScreen } = await page.evaluate(() => {
        const wrap = document.querySelector('.queue-wrap');
        const parts = [...document.querySelectorAll('table.queue-cards .comment-body, table.queue-cards .actions button, table.queue-cards .actions a')];
        return {
          innerScroll: wrap.scrollWidth - wrap.clientWidth,
          offScreen: parts.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).length,
        };
      });
      assert.ok(innerScroll <= 0, `the queue scrolls sideways inside its box by ${innerScroll}px`);
      assert.equal(offScreen, 0, 'comment text or buttons sit off-screen');
    } finally {
      await context.close();
    }
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
