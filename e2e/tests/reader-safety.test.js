// Nothing a reader types is lost, on a phone, with JavaScript on and off
// (issue 16, defects 3-5): a quick correction is not filed as spam, a refused
// form opens at its messages, and a post that closed meanwhile gives the text back.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import {
  WELCOME,
  adminLogsIn,
  adminPublishesPost,
  fillCommentForm,
  submitCommentForm,
  unique,
} from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

const PHONE = { width: 390, height: 844 };
/** The site's real timing rule: a form sent sooner than this after its page is spam. */
const MIN_SECONDS = 3;

describe('the reader keeps what they typed', { timeout: 180_000 }, () => {
  let folio;
  let browser;
  const contexts = [];
  const person = async ({ javaScript = true } = {}) => {
    const { context, page } = await newPage(browser, folio.baseURL, {
      viewport: PHONE,
      javaScriptEnabled: javaScript,
    });
    contexts.push(context);
    return page;
  };

  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser({
      FOLIO_COMMENT_MIN_SECONDS: String(MIN_SECONDS),
    }));
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await folio?.stop();
  });

  for (const javaScript of [true, false]) {
    const how = javaScript ? 'with JavaScript' : 'without JavaScript';

    test(`a refused form opens at its messages on a phone, ${how}`, async () => {
      const page = await person({ javaScript });
      await page.goto(WELCOME);
      await fillCommentForm(page, { name: 'Ada', email: 'ada(at)example.org', body: unique('Hello') });
      await sleep(MIN_SECONDS * 1000 + 500);
      assert.equal((await submitCommentForm(page)).status(), 422);

      const summary = page.locator('#form-errors');
      await summary.waitFor();
      const box = await summary.boundingBox();
      assert.ok(box && box.y > -2 && box.y + box.height <= PHONE.height, `the messages are on screen (${JSON.stringify(box)})`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'form-errors', 'the messages have the focus');
    });

    test(`a quick correction after a refusal is held, not filed as spam, ${how}`, async () => {
      const page = await person({ javaScript });
      await page.goto(WELCOME);
      const body = unique('Do you open on Saturdays?');
      await fillCommentForm(page, { name: 'Ada', email: 'ada(at)example.org', body });
      await sleep(MIN_SECONDS * 1000 + 500);
      assert.equal((await submitCommentForm(page)).status(), 422);

      // Fixed at once, well within the minimum time since the error page came.
      await page.locator('form#respond').getByLabel('Email *', { exact: true }).fill('ada@example.org');
      assert.equal((await submitCommentForm(page)).status(), 303);

      const admin = await person();
      await adminLogsIn(admin);
      await admin.goto('/admin/comments?status=pending');
      await admin.getByText(body).first().waitFor();
      await admin.goto('/admin/comments?status=spam');
      assert.equal(await admin.getByText(body).count(), 0, 'nothing in the spam folder');
    });
  }

  for (const javaScript of [true, false]) {
    test(`a reader who ticks "Save my name" finds the form filled next time, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await person({ javaScript });
      await page.goto(WELCOME);
      const form = page.locator('form#respond');
      const remember = form.getByLabel(/^Save my name, email, and website/);
      assert.equal(await remember.isChecked(), false, 'unticked by default');
      const body = unique('Remember me');
      await fillCommentForm(page, { name: 'Rosa Remembered', email: 'rosa@example.org', body });
      await remember.check();
      await sleep(MIN_SECONDS * 1000 + 500);
      assert.equal((await submitCommentForm(page)).status(), 303);

      await page.goto(WELCOME);
      assert.equal(await form.getByLabel('Name *', { exact: true }).inputValue(), 'Rosa Remembered');
      assert.equal(await form.getByLabel('Email *', { exact: true }).inputValue(), 'rosa@example.org');
      await page.locator('li.comment', { hasText: body }).getByText('Your comment is awaiting moderation.').waitFor();
    });
  }

  test('a comment on a post that closed meanwhile comes back to copy', async () => {
    const admin = await person();
    await adminLogsIn(admin);
    const title = unique('Closing soon');
    await adminPublishesPost(admin, { title, body: 'Comments close tonight.' });
    const editor = admin.url();
    const post = await admin.getByRole('link', { name: 'View post', exact: true }).getAttribute('href');

    const reader = await person({ javaScript: false });
    await reader.goto(post);
    const body = unique('Twenty minutes of typing');
    await fillCommentForm(reader, { name: 'Ada', email: 'ada@example.org', body });

    await admin.goto(editor);
    await admin.getByLabel('Allow comments').uncheck();
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.waitForURL((url) => url.pathname.endsWith('/edit'));
    await sleep(MIN_SECONDS * 1000 + 500);

    assert.equal((await submitCommentForm(reader)).status(), 403);
    await reader.getByText('Comments are closed on this post.').waitFor();
    assert.equal(await reader.getByLabel('Your comment (not posted)').inputValue(), body);
  });
});
