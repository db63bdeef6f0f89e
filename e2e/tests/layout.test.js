// (f) Phone (390 px) and desktop (1280 px): no page scrolls sideways; the site
// navigation lines up with the title; a phone's first screen of the queue
// shows a comment; titles in the admin lists never break inside a word.
// Screenshots of home, post, queue and the pages list at both widths go to e2e/screenshots/.
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
const CHECKED = ['home', 'post', 'post-form-errors', 'login', 'queue', 'email-link', 'pages', 'accounts', 'invitation'];
const SHOT = new Set(['home', 'post', 'queue', 'pages', 'accounts']);

describe('layout at phone and desktop widths', { timeout: 180_000 }, () => {
  let folio;
  let browser;
  let site;
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    site = await seedSite(browser, folio.baseURL);
    // Pages with the long words a German practice has.
    const { context, page } = await newPage(browser, folio.baseURL, { storageState: site.adminState });
    try {
      for (const title of ['Impressum', 'Datenschutzerklärung', 'Praxisräume und Anfahrt']) {
        await publishPage(page, title);
      }
    } finally {
      await context.close();
    }
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

  test('at 1280 px the site navigation lines up with the site title', async () => {
    const { context, page } = await newPage(browser, folio.baseURL, { viewport: WIDTHS[1] });
    try {
      await page.goto('/');
      const { title, nav } = await page.evaluate(() => ({
        title: document.querySelector('.site-title a').getBoundingClientRect().left,
        nav: document.querySelector('.site-nav a').getBoundingClientRect().left,
      }));
      assert.ok(Math.abs(title - nav) <= 1, `the navigation starts at ${nav}px, the title at ${title}px`);
    } finally {
      await context.close();
    }
  });

  test("a phone's first screen of the queue shows a comment's text and its buttons", async () => {
    const type = pageTypes(site).find((t) => t.name === 'queue');
    const { context, page } = await newPage(browser, folio.baseURL, {
      viewport: WIDTHS[0],
      storageState: site.adminState,
    });
    try {
      await openPageType(page, type);
      const { body, approve, screen } = await page.evaluate(() => {
        const row = document.querySelector('table.queue-cards tbody tr');
        return {
          body: row.querySelector('.comment-body').getBoundingClientRect().bottom,
          approve: row.querySelector('.actions button').getBoundingClientRect().bottom,
          screen: window.innerHeight,
        };
      });
      assert.ok(body <= screen, `the first comment's text ends at ${Math.round(body)}px, below the first screen (${screen}px)`);
      assert.ok(approve <= screen, `its first button ends at ${Math.round(approve)}px, below the first screen (${screen}px)`);
    } finally {
      await context.close();
    }
  });

  for (const viewport of WIDTHS) {
    test(`the pages list at ${viewport.width} px breaks no word and shows every column`, async () => {
      const { context, page } = await newPage(browser, folio.baseURL, { viewport, storageState: site.adminState });
      try {
        await page.goto('/admin/pages');
        const { broken, hidden } = await page.evaluate(() => {
          const found = [];
          const cells = document.querySelectorAll('table.queue tbody td');
          for (const cell of cells) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let text = walker.nextNode(); text; text = walker.nextNode()) {
              if (text.parentElement.closest('.visually-hidden')) continue;
              // A line may end after a space, a dash or a slash, not inside a word.
              for (const word of text.textContent.matchAll(/[^\s\-/]+/g)) {
                const range = document.createRange();
                range.setStart(text, word.index);
                range.setEnd(text, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (lines.size > 1) found.push(word[0]);
              }
            }
          }
          const wrap = document.querySelector('.table-wrap');
          return { broken: found, hidden: window.innerWidth > 1000 ? wrap.scrollWidth - wrap.clientWidth : 0 };
        });
        assert.deepEqual(broken, [], `words broken across lines: ${broken.join(', ')}`);
        assert.ok(hidden <= 0, `at ${viewport.width} px the list hides ${hidden}px of its columns behind a scroll bar`);
      } finally {
        await context.close();
      }
    });
  }

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

/** Writes and publishes a page through the editor. */
async function publishPage(page, title) {
  await page.goto('/admin/pages/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text (Markdown)').fill(`${title}: Text folgt.`);
  await page.getByLabel('Published').check();
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/pages');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  assert.equal((await saved).status(), 303, `${title} was not saved`);
  await page.waitForLoadState('load');
}
