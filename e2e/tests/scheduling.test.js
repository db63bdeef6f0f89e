// Scheduling and the trash in a browser: on Friday the office writes
// Monday's holiday notice and schedules it for 7:00 on the site's clocks;
// a time the clocks skip is refused with the reason; the notice waits,
// unpublished, in the posts list and in the preview. A post deleted by
// mistake comes back from the trash with its address. axe and the Nu HTML
// Checker look at the editor, the posts list and the trash.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { axeViolations, vnu } from '../lib/checks.js';
import { adminLogsIn, adminPublishesPost, unique } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

const ZONE = 'Europe/Berlin';

/** Next Monday's date on the site's clocks, as "YYYY-MM-DD" (a week ahead on a Monday). */
function nextMonday() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const today = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
  const ahead = ((8 - today.getUTCDay()) % 7) || 7;
  today.setUTCDate(today.getUTCDate() + ahead);
  return today.toISOString().slice(0, 10);
}

/** Clicks `button` and resolves to the response of the POST to `path` that follows. */
async function submit(page, button, path) {
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path,
  );
  await page.getByRole('button', { name: button, exact: true }).click();
  const response = await posted;
  await page.waitForLoadState('load');
  return response;
}

describe('scheduled posts and the trash', { timeout: 240_000 }, () => {
  let folio;
  let browser;
  let office;
  let dir;
  const served = [];
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    office = await newPage(browser, folio.baseURL);
    await adminLogsIn(office.page);
    dir = mkdtempSync(join(tmpdir(), 'folio-e2e-scheduling-'));
  });
  after(async () => {
    await office?.context.close();
    await browser?.close();
    await folio?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Keeps the page's HTML as served (for vnu) and runs axe on it. */
  async function check(page, name) {
    const response = await page.request.get(new URL(page.url()).pathname);
    const file = join(dir, `${name}.html`);
    writeFileSync(file, await response.text());
    served.push(file);
    const { violations } = await axeViolations(page);
    assert.deepEqual(violations, [], `${name}: axe found ${JSON.stringify(violations, null, 2)}`);
  }

  test('the office schedules Monday\'s notice for 7:00 on the site\'s clocks', async () => {
    const { page } = office;
    await page.goto('/admin/settings');
    await page.getByLabel('Time zone').selectOption(ZONE);
    assert.equal((await submit(page, 'Save settings', '/admin/settings')).status(), 303);

    await page.goto('/admin/posts/new');
    await page.getByLabel('Title').fill('Closed on Monday');
    await page.getByLabel('Text (Markdown)').fill('The practice is closed on Monday for the staff outing.\n\nFrom Tuesday we are here as usual.');
    await page.getByLabel('Scheduled').check();
    await page.getByText(`On the site’s clocks: ${ZONE}.`).waitFor();

    // A time the clocks skip is refused with the reason, everything typed kept.
    await page.getByLabel('Publish at').fill('2027-03-28T02:30');
    assert.equal((await submit(page, 'Save', '/admin/posts')).status(), 422);
    await page.getByText('that night the clocks go forward from 02:00 to 03:00').waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Closed on Monday');
    assert.ok(await page.getByLabel('Scheduled').isChecked());
    await check(page, 'editor-refused-time');

    const monday = nextMonday();
    await page.getByLabel('Publish at').fill(`${monday}T07:00`);
    assert.equal((await submit(page, 'Save', '/admin/posts')).status(), 303);
    await page.getByText('“Closed on Monday” will be published on').waitFor();
    assert.equal(await page.getByLabel('Publish at').inputValue(), `${monday}T07:00`);
    await check(page, 'editor-scheduled');

    await page.goto('/admin/posts');
    const row = page.locator('table.queue tbody tr', { hasText: 'Closed on Monday' });
    await row.getByText('Scheduled for ').waitFor();
    assert.match(await row.innerText(), /at 07:00 CES?T/);
    await check(page, 'posts-with-scheduled');

    // Readers see nothing of it yet; the office can read it as they will.
    const reader = await newPage(browser, folio.baseURL);
    try {
      assert.equal((await reader.page.goto('/posts/closed-on-monday')).status(), 404);
      await reader.page.goto('/');
      assert.equal(await reader.page.getByText('Closed on Monday').count(), 0);
    } finally {
      await reader.context.close();
    }
    await page.goto('/admin/posts');
    await page.locator('table.queue tbody tr', { hasText: 'Closed on Monday' }).getByRole('link', { name: 'Closed on Monday', exact: true }).click();
    await page.getByRole('link', { name: 'Preview the draft' }).click();
    await page.getByText('The practice is closed on Monday for the staff outing.').waitFor();
  });

  test('a post deleted by mistake comes back from the trash with its address', async () => {
    const { page } = office;
    const title = unique('Parking behind the practice');
    await adminPublishesPost(page, { title, body: 'Use the car park behind the building.' });
    const slug = await page.getByLabel('Slug').inputValue();
    await page.goto('/admin/posts');
    await page.locator('table.queue tbody tr', { hasText: title }).getByRole('link', { name: `Delete “${title}”` }).click();
    assert.equal((await submit(page, 'Move to trash', new URL(page.url()).pathname)).status(), 303);
    await page.getByText(`“${title}” was moved to the trash`).waitFor();

    await page.getByRole('link', { name: 'Trash', exact: true }).click();
    await page.getByRole('heading', { name: 'Trash', level: 1 }).waitFor();
    await check(page, 'trash');
    const row = page.locator('table.queue tbody tr', { hasText: title });
    const id = (await row.locator('form').getAttribute('action')).split('/')[3];
    assert.equal((await submit(page, `Restore “${title}”`, `/admin/trash/${id}/restore`)).status(), 303);
    await page.getByText(`“${title}” was restored.`).waitFor();

    const reader = await newPage(browser, folio.baseURL);
    try {
      assert.equal((await reader.page.goto(`/posts/${slug}`)).status(), 200);
    } finally {
      await reader.context.close();
    }
  });

  test('the editor, the posts list and the trash are valid HTML', async () => {
    assert.equal(served.length, 4);
    const messages = await vnu(served);
    const report = messages
      .map((m) => `${(m.url ?? '').split('/').pop()}:${m.lastLine ?? '?'}: ${m.type}: ${m.message}\n    ${(m.extract ?? '').replace(/\n/g, ' ')}`)
      .join('\n');
    assert.equal(messages.length, 0, report);
  });
});
