// What readers and the admin do, step by step, through the page as a person
// sees it: fields found by their labels, buttons and links by their names.
// Each step waits for what the page must then show; nothing sleeps.
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ADMIN_USER } from './folio.js';

export const WELCOME = '/posts/welcome-to-folio';
export const PENDING_NOTE = 'Your comment is awaiting moderation.';

let counter = 0;
/** Text no other comment in this run contains, so a locator finds only ours. */
export function unique(label) {
  counter += 1;
  return `${label} ${process.pid}-${counter}-${Date.now().toString(36)}`;
}

/** Fills the comment form's visible, labelled fields; hidden fields are left to the page. */
export async function fillCommentForm(page, { name, email, website, body }) {
  const form = page.locator('form#respond');
  await form.getByLabel('Name *', { exact: true }).fill(name);
  await form.getByLabel('Email *', { exact: true }).fill(email);
  if (website !== undefined) await form.getByLabel('Website', { exact: true }).fill(website);
  await form.getByLabel('Comment *', { exact: true }).fill(body);
}

/** Clicks "Post Comment" and resolves to the HTTP response of the POST that followed. */
export async function submitCommentForm(page) {
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/posts\/[^/]+\/comments$/.test(new URL(r.url()).pathname),
  );
  await page.getByRole('button', { name: 'Post Comment', exact: true }).click();
  const response = await posted;
  await page.waitForLoadState('load');
  return response;
}

/**
 * A reader opens the post, comments, and lands on the post again with their
 * comment marked as awaiting moderation. Resolves to { id, url, body, name }.
 */
export async function readerComments(page, { slug = WELCOME, name, body, website } = {}) {
  name ??= unique('Reader');
  body ??= unique('A reader writes');
  const response = await page.goto(slug.startsWith('/') ? slug : `/posts/${slug}`);
  assert.equal(response.status(), 200, 'the post page opens');
  await page.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
  await fillCommentForm(page, { name, email: 'reader@example.org', website, body });
  const posted = await submitCommentForm(page);
  assert.equal(posted.status(), 303, 'a valid comment is answered with a redirect to the post');
  // Back on the post (Folio marks the author's copy with a signed ?mine= token today).
  await page.waitForURL((url) => /^\/posts\/[^/]+$/.test(url.pathname));
  const comment = page.locator('li.comment', { hasText: body });
  await comment.getByText(PENDING_NOTE, { exact: true }).waitFor();
  const id = Number((await comment.getAttribute('id')).replace('comment-', ''));
  assert.ok(id > 0, 'the comment has an id="comment-N" anchor');
  return { id, url: page.url(), body, name };
}

/** The admin signs in through the login form and lands on the moderation queue. */
export async function adminLogsIn(page) {
  const response = await page.goto('/admin/login');
  assert.equal(response.status(), 200);
  await page.getByLabel('Username', { exact: true }).fill(ADMIN_USER);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/admin/comments');
  await page.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();
}

/**
 * The signed-in admin writes a post in the editor and publishes it; resolves
 * once the editor shows it was published.
 */
export async function adminPublishesPost(page, { title, body, tags = '' }) {
  const editor = await page.goto('/admin/posts/new');
  assert.equal(editor.status(), 200);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text (Markdown)').fill(body);
  await page.getByLabel('Tags').fill(tags);
  await page.getByLabel('Published').check();
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/posts',
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const response = await saved;
  assert.equal(response.status(), 303, `publishing answers with a redirect (got ${response.status()})`);
  await page.waitForURL((url) => url.pathname.endsWith('/edit'));
  await page.getByText('published at /posts/').waitFor();
}

/** The queue's row for one comment (the row carries the comment's text). */
export function queueRow(page, body) {
  return page.locator('table.queue tbody tr', { hasText: body });
}

/** The admin clicks a per-comment action button ("Approve", "Spam", "Trash", ...) in the queue. */
export async function adminActs(page, { id, body }, action, status = 'pending') {
  await page.goto(`/admin/comments?status=${status}`);
  const row = queueRow(page, body);
  await row.waitFor();
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/admin/comments/${id}/${action.toLowerCase()}`,
  );
  await row.getByRole('button', { name: `${action} comment #${id}`, exact: true }).click();
  assert.equal((await posted).status(), 303, `${action} answers with a redirect back to the queue`);
  await page.waitForURL((url) => url.pathname === '/admin/comments');
  await page.locator('.flash').waitFor();
  await queueRow(page, body).waitFor({ state: 'detached' });
}

/**
 * The admin follows the comment's reply link from the queue ("Approve and
 * reply" for a pending comment, "Reply" once approved), writes in
 * "Your reply" and sends it.
 */
export async function adminReplies(page, { id, body }, reply, status) {
  await page.goto(`/admin/comments?status=${status}`);
  const row = queueRow(page, body);
  await row.waitFor();
  const linkName = status === 'pending' ? 'Approve and reply' : 'Reply';
  await row.getByRole('link', { name: `${linkName} to comment #${id}`, exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/admin/comments/${id}/reply`);
  await page.getByLabel('Your reply', { exact: true }).fill(reply);
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/admin/comments/${id}/reply`,
  );
  await page.getByRole('button', { name: linkName, exact: true }).click();
  assert.equal((await posted).status(), 303, 'the reply answers with a redirect back to the queue');
  await page.waitForURL((url) => url.pathname === '/admin/comments');
  await page.locator('.flash').waitFor();
}
