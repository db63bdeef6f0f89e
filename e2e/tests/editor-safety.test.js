// Nothing the admin types is lost: two tabs on one post, and a logout in
// another tab while a post is being written (issue 16, defects 1 and 2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { ADMIN_PASSWORD, ADMIN_USER } from '../lib/folio.js';
import { adminLogsIn, adminPublishesPost, unique } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

/** Clicks a submit button and resolves to the HTTP response of the POST it sent. */
async function submit(page, button) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: button, exact: true }).click();
  const response = await posted;
  await page.waitForLoadState('load');
  return response;
}

describe('the editor keeps what the admin typed', { timeout: 120_000 }, () => {
  let folio;
  let browser;
  const contexts = [];
  /** One admin with two tabs (one browser context, so one session). */
  const twoTabs = async () => {
    const { context, page } = await newPage(browser, folio.baseURL);
    contexts.push(context);
    return { one: page, two: await context.newPage() };
  };

  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await folio?.stop();
  });

  test('a save from an older tab answers with both versions, and the admin chooses', async () => {
    const { one, two } = await twoTabs();
    await adminLogsIn(one);
    const title = unique('Visiting hours');
    await adminPublishesPost(one, { title, body: 'First paragraph.' });
    const editor = one.url();
    await two.goto(editor);

    const paragraph = unique('A paragraph from tab one');
    await one.getByLabel('Text (Markdown)').fill(`First paragraph.\n\n${paragraph}`);
    assert.equal((await submit(one, 'Save')).status(), 303);

    await two.getByLabel('Title').fill(`${title} (corrected)`);
    const conflict = await submit(two, 'Save');

    assert.equal(conflict.status(), 409);
    await two.getByRole('heading', { name: 'This post was changed since you opened it' }).waitFor();
    assert.equal(await two.getByLabel('Title').inputValue(), `${title} (corrected)`, 'tab two keeps its own version');
    assert.match(await two.getByLabel('Its text').inputValue(), new RegExp(paragraph), 'the saved version is shown');

    assert.equal((await submit(two, 'Save')).status(), 303, 'saving again is a choice, and it saves');
    await two.waitForURL((url) => url.pathname.endsWith('/edit'));
    assert.ok((await two.locator('li.revision').count()) >= 3, 'every save is kept as a revision');
  });

  test('a post saved after a logout in another tab comes back after logging in again', async () => {
    const { one, two } = await twoTabs();
    await adminLogsIn(one);
    await one.goto('/admin/posts/new');
    const title = unique('Flu season');
    const text = unique('An hour of typing');
    await one.getByLabel('Title').fill(title);
    await one.getByLabel('Text (Markdown)').fill(text);

    await two.goto('/admin/comments');
    await two.getByRole('button', { name: `Log out ${ADMIN_USER}` }).click();
    await two.waitForURL((url) => url.pathname === '/admin/login');

    const refused = await submit(one, 'Save');
    assert.equal(refused.status(), 401);
    await one.getByText('Your session ended').waitFor();
    await one.getByLabel('Username', { exact: true }).fill(ADMIN_USER);
    await one.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    assert.equal((await submit(one, 'Log in')).status(), 200);
    await one.getByRole('heading', { name: 'Send your form again' }).waitFor();
    await one.getByText(text).waitFor();

    assert.equal((await submit(one, 'Send it now')).status(), 303);
    await one.waitForURL((url) => url.pathname.endsWith('/edit'));
    assert.equal(await one.getByLabel('Text (Markdown)').inputValue(), text);
    assert.equal(await one.getByLabel('Title').inputValue(), title);
  });
});
