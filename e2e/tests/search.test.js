// Reader search on a phone: a patient types "oeffnungszeiten" (no umlaut on
// the keyboard at hand) into the search box in the site header and finds the
// practice's post on "Öffnungszeiten", with the word marked in the excerpt; a
// draft's words find nothing. The results page fits the phone's width and
// passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { axeViolations } from '../lib/checks.js';
import { adminLogsIn, adminPublishesPost } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

const PHONE = { width: 390, height: 844 };

describe('reader search from the site header', { timeout: 180_000 }, () => {
  let folio;
  let browser;
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    const { context, page } = await newPage(browser, folio.baseURL);
    try {
      await adminLogsIn(page);
      await adminPublishesPost(page, {
        title: 'Öffnungszeiten im Sommer',
        body: 'Im August gelten geänderte Öffnungszeiten: montags bis freitags von 8 bis 13 Uhr.',
      });
      // A draft whose words must never be found.
      await page.goto('/admin/posts/new');
      await page.getByLabel('Title').fill('Geheimer Entwurf');
      await page.getByLabel('Text (Markdown)').fill('Zitronenfalter im Wartezimmer.');
      await page.getByLabel('Draft (readers do not see it)').check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/edit'));
    } finally {
      await context.close();
    }
  });
  after(async () => {
    await browser?.close();
    await folio?.stop();
  });

  test('a reader on a phone finds a post by a word typed without its umlaut', async () => {
    const { context, page } = await newPage(browser, folio.baseURL, { viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await page.goto('/');
      const box = page.getByRole('searchbox', { name: 'Search the site' });
      await box.fill('oeffnungszeiten');
      await box.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search');
      assert.equal(new URL(page.url()).searchParams.get('q'), 'oeffnungszeiten');

      const result = page.getByRole('link', { name: 'Öffnungszeiten im Sommer' });
      await result.waitFor();
      const marked = await page.locator('main mark').allTextContents();
      assert.ok(
        marked.some((m) => m.toLowerCase().startsWith('öffnungszeiten')),
        `the matching word is marked in the excerpt (marked: ${JSON.stringify(marked)})`,
      );
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(sideways <= 0, `the results page scrolls sideways by ${sideways}px on a phone`);
      assert.deepEqual((await axeViolations(page)).violations, []);

      await result.click();
      await page.waitForURL((url) => url.pathname.startsWith('/posts/'));
      await page.getByRole('heading', { name: 'Öffnungszeiten im Sommer' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test("a draft's words are not found", async () => {
    const { context, page } = await newPage(browser, folio.baseURL, { viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const response = await page.goto('/search?q=zitronenfalter');
      assert.equal(response.status(), 200);
      assert.equal(await page.getByRole('link', { name: 'Geheimer Entwurf' }).count(), 0);
      assert.ok(!(await page.content()).includes('Zitronenfalter'), 'nothing of the draft is on the page');
    } finally {
      await context.close();
    }
  });
});
