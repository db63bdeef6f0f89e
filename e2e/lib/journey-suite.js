// Journeys (a)–(d) as node:test tests; run with JavaScript on (journeys.test.js)
// and off (journeys-nojs.test.js: Folio must work without it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage } from './browser.js';
import { startFolioAndBrowser } from './setup.js';
import {
  PENDING_NOTE,
  WELCOME,
  adminActs,
  adminLogsIn,
  adminPublishesPost,
  adminReplies,
  fillCommentForm,
  readerComments,
  submitCommentForm,
  unique,
} from './journeys.js';

export function journeySuite({ javaScriptEnabled }) {
  const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
  describe(`journeys (${mode})`, { timeout: 120_000 }, () => {
    let folio;
    let browser;
    const contexts = [];
    /** A new person in a fresh context; closed after the file. */
    const person = async (options = {}) => {
      const p = await newPage(browser, folio.baseURL, { javaScriptEnabled, ...options });
      contexts.push(p.context);
      return p;
    };

    before(async () => {
      ({ folio, browser } = await startFolioAndBrowser());
      if (!javaScriptEnabled) {
        // Prove the switch works: a page's own script must not run in these contexts.
        const { page } = await person();
        await page.goto('data:text/html,<title>before</title><script>document.title="script ran"</script>');
        assert.equal(await page.title(), 'before', 'page scripts are disabled in the no-JS contexts');
      }
    });
    after(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await folio?.stop();
    });

    test('(a) a reader comments and sees it awaiting moderation; nobody else sees it', async () => {
      const { page } = await person();
      const mine = await readerComments(page, { name: 'Ada Reader' });
      const own = page.locator(`#comment-${mine.id}`);
      assert.match(await own.innerText(), new RegExp(mine.body));
      assert.match(await own.innerText(), /Ada Reader/);
      assert.equal(await own.getByText(PENDING_NOTE, { exact: true }).isVisible(), true);

      const other = await person();
      const response = await other.page.goto(WELCOME);
      assert.equal(response.status(), 200);
      await other.page.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
      assert.equal(await other.page.getByText(mine.body).count(), 0, 'a stranger does not see the pending comment');
      assert.equal(await other.page.getByText(PENDING_NOTE).count(), 0);
      assert.equal(await other.page.locator(`#comment-${mine.id}`).count(), 0);
    });

    test('(b) a bad email shows an error next to the Email field and keeps what was typed', async () => {
      const { page } = await person();
      await page.goto(WELCOME);
      const name = 'Ben Typist';
      const body = unique('Careful words that must survive an error');
      await fillCommentForm(page, { name, email: 'ben at example', body });
      const posted = await submitCommentForm(page);
      assert.equal(posted.status(), 422);

      const form = page.locator('form#respond');
      const email = form.getByLabel('Email *', { exact: true });
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      const describedBy = ((await email.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
      assert.ok(describedBy.length > 0, 'the Email field has aria-describedby');
      const messages = [];
      for (const id of describedBy) {
        const el = page.locator(`[id="${id}"]`);
        if ((await el.count()) === 1 && (await el.isVisible())) messages.push({ el, text: await el.innerText() });
      }
      const error = messages.find((m) => /email|address/i.test(m.text) && !/not be published/.test(m.text));
      assert.ok(error, `an error about the email is linked by aria-describedby (found: ${JSON.stringify(messages.map((m) => m.text))})`);
      // "Next to the field": the message sits right below (or beside) the input.
      const [fieldBox, errorBox] = [await email.boundingBox(), await error.el.boundingBox()];
      assert.ok(errorBox.y >= fieldBox.y - 5 && errorBox.y - (fieldBox.y + fieldBox.height) < 60,
        `the email error is next to the field (field ${JSON.stringify(fieldBox)}, error ${JSON.stringify(errorBox)})`);

      assert.equal(await form.getByLabel('Name *', { exact: true }).inputValue(), name);
      assert.equal(await form.getByLabel('Comment *', { exact: true }).inputValue(), body);
      assert.equal(await email.inputValue(), 'ben at example');
      assert.equal(await page.getByText(body).count(), 1, 'nothing was published: the text is only in the field');
    });

    test('(c) the admin approves from the queue, the reader sees it, the admin replies under it', async () => {
      const reader = await person();
      const admin = await person();
      const first = await readerComments(reader.page, { name: 'Cleo Patient' });
      await adminLogsIn(admin.page);
      await adminActs(admin.page, first, 'Approve');

      await reader.page.reload();
      const own = reader.page.locator(`#comment-${first.id}`);
      await own.filter({ hasText: first.body }).waitFor();
      assert.equal(await own.getByText(PENDING_NOTE).count(), 0, 'approved: no longer marked as awaiting moderation');
      const stranger = await person();
      await stranger.page.goto(WELCOME);
      await stranger.page.locator(`#comment-${first.id}`).filter({ hasText: first.body }).waitFor();

      const reply = unique('Thanks Cleo, we have updated the page');
      await adminReplies(admin.page, first, reply, 'approved');
      await reader.page.reload();
      const under = reader.page.locator(`#comment-${first.id} > ol.children > li.comment`);
      await under.filter({ hasText: reply }).waitFor();
      assert.match(await under.getAttribute('class'), /\bdepth-1\b/, 'the reply is threaded one level under the comment');
      assert.match(await under.innerText(), /Site admin/);

      // "Approve and reply" on a pending comment publishes both at once.
      const second = await readerComments(reader.page, { name: 'Dev Patient' });
      const reply2 = unique('Welcome, Dev');
      await adminReplies(admin.page, second, reply2, 'pending');
      await reader.page.reload();
      const secondEl = reader.page.locator(`#comment-${second.id}`);
      await secondEl.filter({ hasText: second.body }).waitFor();
      assert.equal(await secondEl.getByText(PENDING_NOTE).count(), 0);
      await reader.page.locator(`#comment-${second.id} > ol.children > li.comment.depth-1`).filter({ hasText: reply2 }).waitFor();
    });

    test('(d) the admin writes and publishes a tagged post; it shows on the home and tag pages', async () => {
      const { page } = await person();
      await adminLogsIn(page);
      const title = unique('Flu vaccinations start in October');
      const tag = unique('Vaccinations');
      await adminPublishesPost(page, {
        title,
        body: 'Book a slot at the front desk.\n\n**Walk-ins** welcome on Fridays.',
        tags: `${tag}, Opening hours`,
      });

      const visitor = await person();
      await visitor.page.goto('/');
      const link = visitor.page.getByRole('link', { name: title, exact: true });
      await link.waitFor();
      await link.click();
      await visitor.page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await visitor.page.getByText('welcome on Fridays').waitFor();
      await visitor.page.getByRole('link', { name: tag, exact: true }).click();
      await visitor.page.getByRole('heading', { name: `Posts tagged “${tag}”`, level: 1 }).waitFor();
      await visitor.page.getByRole('link', { name: title, exact: true }).waitFor();
    });
  });
}
