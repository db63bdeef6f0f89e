// A practice's team, from the browser (issue 24): the doctor (the admin)
// invites the office manager as an editor and the reception as a moderator;
// email is off, so each invitation link is read from the page the doctor
// gets. Each person accepts in a browser of their own, chooses a password and
// signs in. The reception approves a comment and cannot open the settings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { adminActs, adminLogsIn, readerComments, unique } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

const PASSWORD = 'a garden of forking paths';

/** The doctor invites someone from /admin/accounts; resolves to the link shown. */
async function invite(page, { username, role, name }) {
  await page.goto('/admin/comments');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Accounts' }).click();
  await page.waitForURL((url) => url.pathname === '/admin/accounts');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email address', { exact: true }).fill(`${username}@praxis.example`);
  await page.getByLabel(role, { exact: true }).check();
  await page.getByLabel('Name shown on their replies').fill(name);
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/accounts',
  );
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  assert.equal((await posted).status(), 200, 'with email off the page answers with the link');
  const link = await page.getByLabel('Link for the new account').inputValue();
  assert.match(link, /\/admin\/invite\/[0-9a-f]{64}$/);
  return link;
}

/** A new person opens the link, chooses a password and signs in; resolves to their page. */
async function accepts(browser, baseURL, link, username) {
  const { context, page } = await newPage(browser, baseURL);
  const opened = await page.goto(link);
  assert.equal(opened.status(), 200);
  await page.getByRole('heading', { name: 'Your invitation' }).waitFor();
  assert.equal(await page.getByLabel('Username').inputValue(), username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Make my account' }).click();
  await page.waitForURL((url) => url.pathname === '/admin/login');
  await page.getByText('Your account is ready.').waitFor();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin/') && url.pathname !== '/admin/login');
  return { context, page };
}

/** The names in the admin navigation. */
async function navigation(page) {
  return page.getByRole('navigation', { name: 'Admin' }).getByRole('link').allTextContents();
}

describe('a team from the browser: invitations and roles', { timeout: 180_000 }, () => {
  let folio;
  let browser;
  const contexts = [];
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await folio?.stop();
  });

  test('the doctor invites an editor and a moderator, who sign in with what their role allows', async () => {
    const doctor = await newPage(browser, folio.baseURL);
    const reader = await newPage(browser, folio.baseURL);
    contexts.push(doctor.context, reader.context);
    await adminLogsIn(doctor.page);

    const officeLink = await invite(doctor.page, { username: 'office', role: 'Editor', name: 'Office' });
    const receptionLink = await invite(doctor.page, { username: 'reception', role: 'Moderator', name: 'Reception' });
    await doctor.page.goto('/admin/accounts');
    for (const name of ['office', 'reception']) {
      await doctor.page.getByRole('heading', { name: 'Invitations not yet accepted' }).waitFor();
      await doctor.page.locator('li', { hasText: `${name}@praxis.example` }).waitFor();
    }

    const office = await accepts(browser, folio.baseURL, officeLink, 'office');
    contexts.push(office.context);
    assert.equal(new URL(office.page.url()).pathname, '/admin/comments');
    const officeMenu = await navigation(office.page);
    for (const name of ['Posts', 'Pages', 'Media']) assert.ok(officeMenu.some((n) => n.startsWith(name)), `${name} in ${officeMenu}`);
    for (const name of ['Settings', 'Accounts']) assert.ok(!officeMenu.includes(name), `${name} not in ${officeMenu}`);

    const comment = await readerComments(reader.page, { body: unique('Are you open on Monday?') });
    const reception = await accepts(browser, folio.baseURL, receptionLink, 'reception');
    contexts.push(reception.context);
    assert.deepEqual(
      (await navigation(reception.page)).map((n) => n.replace(/\s+\d+.*$/, '')),
      ['Comments', 'Moderation log', 'Account'],
    );
    await adminActs(reception.page, comment, 'Approve');
    await reader.page.goto(comment.url.split('?')[0]);
    await reader.page.locator(`#comment-${comment.id}`).getByText(comment.body).waitFor();

    const settings = await reception.page.goto('/admin/settings');
    assert.equal(settings.status(), 403);
    await reception.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await reception.page.getByText("Your account's role does not allow this").waitFor();

    // The doctor sees both accounts, and the log says who did what.
    await doctor.page.goto('/admin/accounts');
    for (const name of ['office', 'reception']) {
      await doctor.page.locator('tr', { hasText: name }).getByText('Active').waitFor();
    }
    await doctor.page.goto('/admin/log');
    await doctor.page.locator('tr', { hasText: 'reception' }).first().waitFor();

    // An invitation link works once.
    const again = await newPage(browser, folio.baseURL);
    contexts.push(again.context);
    assert.equal((await again.page.goto(receptionLink)).status(), 410);
  });
});
