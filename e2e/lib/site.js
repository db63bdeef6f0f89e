// A site with something on every page: approved comments with an admin reply,
// pending comments in the queue, entries in the moderation log. Made through
// the browser, the way people make it.
import assert from 'node:assert/strict';
import { newPage } from './browser.js';
import {
  adminActs,
  adminLogsIn,
  adminPublishesPost,
  adminReplies,
  fillCommentForm,
  readerComments,
  submitCommentForm,
  WELCOME,
} from './journeys.js';

export async function seedSite(browser, baseURL) {
  const reader = await newPage(browser, baseURL);
  const admin = await newPage(browser, baseURL);
  try {
    // Long unbroken names and URLs, as real ones are, try to push the page sideways.
    const long = await readerComments(reader.page, {
      name: 'Maximilian Featherstonehaugh-Worthington',
      website: 'https://www.featherstonehaugh-worthington-family-practice.example.org/',
      body:
        'The booking link in the newsletter goes to ' +
        'https://www.example.org/health/services/vaccinations/seasonal-influenza-2026-booking-information?clinic=riverside&utm_source=newsletter ' +
        'and that page is blank for me.',
    });
    const first = await readerComments(reader.page, {
      name: 'Dana Whitfield',
      website: 'https://dana.example.org/',
      body:
        'Thank you for the clear write-up. Is the clinic open on public holidays?\n\n' +
        'The page at https://example.org/opening-hours still lists the old times.',
    });
    const second = await readerComments(reader.page, {
      name: 'Sam Okafor',
      body: 'Booked my appointment online in two minutes. Lovely new site!',
    });
    const pending = await readerComments(reader.page, {
      name: 'Priya Raman',
      body: 'Could you post the parking information as well?\nThe car park sign is confusing.',
    });
    await readerComments(reader.page, {
      name: 'Tomás Ortega',
      website: 'https://tomas.example.net/',
      body: 'Is the new physiotherapist taking patients yet? I could not find it on the services page.',
    });

    await adminLogsIn(admin.page);
    for (const comment of [long, first, second]) await adminActs(admin.page, comment, 'Approve');
    await adminReplies(
      admin.page,
      first,
      'Yes: we are open 9:00 to 13:00 on public holidays. Thanks, the hours page is fixed now.',
      'approved',
    );
    await adminPublishesPost(admin.page, {
      title: 'Flu vaccinations start in October',
      body: 'Book a slot at the front desk.\n\n**Walk-ins** welcome on Fridays.',
      tags: 'Vaccinations, Opening hours',
    });
    // A second save, so the editor lists a revision to restore.
    await admin.page.getByLabel('Text (Markdown)').fill('Book a slot at the front desk or by phone.\n\n**Walk-ins** welcome on Fridays.');
    await admin.page.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.page.locator('li.revision form').first().waitFor();
    const editor = new URL(admin.page.url()).pathname;
    await adminPublishesPage(admin.page, {
      title: 'Contact',
      body: 'Call **0911 123 456**, Monday to Friday, 8:00 to 18:00.',
    });
    const invitation = await adminInvites(admin.page, { username: 'office', role: 'Editor' });
    const adminState = await admin.context.storageState();
    return { adminState, approved: [long, first, second], pendingId: pending.id, editor, invitation };
  } finally {
    await reader.context.close();
    await admin.context.close();
  }
}

/** Invites someone (email is off); resolves to the path of the link the page shows. */
async function adminInvites(page, { username, role }) {
  await page.goto('/admin/accounts');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email address', { exact: true }).fill(`${username}@example.org`);
  await page.getByLabel(role, { exact: true }).check();
  const invited = await submitAdminForm(page, 'Invite', '/admin/accounts');
  assert.equal(invited.status(), 200, 'with email off the page answers with the link');
  return new URL(await page.getByLabel('Link for the new account').inputValue()).pathname;
}

/** Writes and publishes a page, then puts it first in the site navigation. */
async function adminPublishesPage(page, { title, body }) {
  await page.goto('/admin/pages/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text (Markdown)').fill(body);
  await page.getByLabel('Published').check();
  const saved = await submitAdminForm(page, 'Save', '/admin/pages');
  assert.equal(saved.status(), 303, `saving a page answers with a redirect (got ${saved.status()})`);
  await page.goto('/admin/pages');
  await page.getByLabel(`Place of “${title}” in the navigation`).fill('1');
  const nav = await submitAdminForm(page, 'Save the navigation', '/admin/pages/navigation');
  assert.equal(nav.status(), 303);
}

/** Submits the comment form with a bad email: the 422 page with the errors. */
export async function openFormErrors(page) {
  const response = await page.goto(WELCOME);
  assert.equal(response.status(), 200);
  await fillCommentForm(page, {
    name: 'Jo Bloggs',
    email: 'jo at example dot org',
    body: 'I typed this carefully and it must not be lost.',
  });
  const posted = await submitCommentForm(page);
  assert.equal(posted.status(), 422, 'an invalid comment is answered with 422');
  await page.locator('#email-error, .field-error').first().waitFor();
  return posted;
}

/** POSTs a form on the page by clicking `button`; resolves to the response to that POST. */
async function submitAdminForm(page, button, path) {
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path,
  );
  await page.getByRole('button', { name: button, exact: true }).click();
  const response = await posted;
  await page.waitForLoadState('load');
  return response;
}

/** Looks the seeded readers' address up on the personal-data page. */
export async function openPrivacyLookup(page) {
  await page.goto('/admin/privacy');
  await page.getByLabel('Email address').fill('reader@example.org');
  return submitAdminForm(page, 'Look up', '/admin/privacy');
}

/** The confirmation page before erasing that address (nothing is erased). */
export async function openConfirmErase(page) {
  await openPrivacyLookup(page);
  return submitAdminForm(page, 'Erase…', '/admin/privacy/confirm-erase');
}

/**
 * The page types checked for layout, accessibility and HTML validity. `open`
 * resolves to the page's main HTTP response.
 */
export function pageTypes(site) {
  return [
    { name: 'home', open: (p) => p.goto('/'), ready: (p) => p.getByRole('heading', { name: 'Latest posts' }) },
    {
      name: 'post',
      open: (p) => p.goto(WELCOME),
      ready: (p) => p.locator(`#comment-${site.approved[0].id}`),
    },
    {
      name: 'post-form-errors',
      status: 422,
      open: (p) => openFormErrors(p),
      ready: (p) => p.locator('.field-error').first(),
    },
    {
      name: 'tag',
      open: (p) => p.goto('/tags/vaccinations'),
      ready: (p) => p.getByRole('heading', { name: 'Posts tagged “Vaccinations”' }),
    },
    {
      name: 'page',
      open: (p) => p.goto('/contact'),
      ready: (p) => p.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Contact' }),
    },
    { name: 'login', open: (p) => p.goto('/admin/login'), ready: (p) => p.getByRole('button', { name: 'Log in' }) },
    { name: 'not-found', status: 404, open: (p) => p.goto('/posts/no-such-post'), ready: (p) => p.locator('main') },
    {
      name: 'queue',
      admin: true,
      open: (p) => p.goto('/admin/comments'),
      ready: (p) => p.locator('table.queue tbody tr').first(),
    },
    {
      name: 'reply',
      admin: true,
      open: (p) => p.goto(`/admin/comments/${site.pendingId}/reply`),
      ready: (p) => p.getByLabel('Your reply'),
    },
    {
      name: 'log',
      admin: true,
      open: (p) => p.goto('/admin/log'),
      ready: (p) => p.locator('table.queue tbody tr').first(),
    },
    {
      name: 'settings',
      admin: true,
      open: (p) => p.goto('/admin/settings'),
      ready: (p) => p.locator('main form').first(),
    },
    {
      name: 'privacy',
      admin: true,
      open: (p) => openPrivacyLookup(p),
      ready: (p) => p.locator('table.queue tbody tr').first(),
    },
    {
      name: 'confirm-erase',
      admin: true,
      open: (p) => openConfirmErase(p),
      ready: (p) => p.getByRole('button', { name: 'Erase personal data' }),
    },
    {
      name: 'posts',
      admin: true,
      open: (p) => p.goto('/admin/posts'),
      ready: (p) => p.locator('table.queue tbody tr').first(),
    },
    {
      name: 'email-link',
      status: 403,
      open: (p) => p.goto('/email/moderate/1.1.approve.9.00'),
      ready: (p) => p.getByRole('heading', { name: 'This link is not valid' }),
    },
    {
      name: 'account',
      admin: true,
      open: (p) => p.goto('/admin/account'),
      ready: (p) => p.getByLabel('Email address'),
    },
    {
      name: 'email',
      admin: true,
      open: (p) => p.goto('/admin/email'),
      ready: (p) => p.getByRole('heading', { name: 'Email' }),
    },
    {
      name: 'pages',
      admin: true,
      open: (p) => p.goto('/admin/pages'),
      ready: (p) => p.locator('table.queue tbody tr').first(),
    },
    {
      name: 'page-editor',
      admin: true,
      open: (p) => p.goto('/admin/pages/new'),
      ready: (p) => p.locator('[name="title"]'),
    },
    {
      name: 'post-editor',
      admin: true,
      open: (p) => p.goto('/admin/posts/new'),
      ready: (p) => p.locator('[name="title"]'),
    },
    {
      name: 'post-edit-revisions',
      admin: true,
      open: (p) => p.goto(site.editor),
      ready: (p) => p.locator('li.revision form').first(),
    },
    {
      name: 'post-preview',
      admin: true,
      open: (p) => p.goto(site.editor.replace(/\/edit$/, '/preview')),
      ready: (p) => p.getByRole('heading', { name: 'Flu vaccinations start in October' }),
    },
    {
      name: 'account',
      admin: true,
      open: (p) => p.goto('/admin/account'),
      ready: (p) => p.getByLabel('Name shown on your replies'),
    },
    {
      name: 'accounts',
      admin: true,
      open: (p) => p.goto('/admin/accounts'),
      ready: (p) => p.getByRole('heading', { name: 'Invitations not yet accepted' }),
    },
    {
      name: 'invitation',
      open: (p) => p.goto(site.invitation),
      ready: (p) => p.getByLabel('Password again'),
    },
  ];
}

/** Opens one page type in `page` and waits until it is ready; returns the response. */
export async function openPageType(page, type) {
  const response = await type.open(page);
  assert.equal(response.status(), type.status ?? 200, `${type.name}: HTTP status of ${response.url()}`);
  await type.ready(page).waitFor();
  return response;
}
