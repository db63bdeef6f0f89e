// The media library in a browser: a picture uploaded through the real form,
// put into a post with "Insert image", and shown responsively at 390 px and
// 1280 px; without JavaScript the library gives the Markdown to copy. axe and
// the Nu HTML Checker look at the library, the editor and the post.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { newPage } from '../lib/browser.js';
import { axeViolations, vnu } from '../lib/checks.js';
import { adminLogsIn, unique } from '../lib/journeys.js';
import { startFolioAndBrowser } from '../lib/setup.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** A PNG of a sunset-coloured scene, `width` × `height`, made here. */
function picture(width, height) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const at = row + 1 + x * 3;
      const sky = y < height * 0.6;
      rows[at] = sky ? 240 - (y * 120) / height : 40 + (x * 60) / width;
      rows[at + 1] = sky ? 120 + (y * 80) / height : 90;
      rows[at + 2] = sky ? 60 + (x * 100) / width : 50;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ALT = 'The practice entrance at sunset';

describe('media library', { timeout: 240_000 }, () => {
  let folio;
  let browser;
  let admin;
  let dir;
  const served = [];
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    admin = await newPage(browser, folio.baseURL);
    await adminLogsIn(admin.page);
    dir = mkdtempSync(join(tmpdir(), 'folio-e2e-media-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await admin?.context.close();
    await browser?.close();
    await folio?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Keeps the HTML of `path` as served (for vnu) and runs axe on the page. */
  async function check(page, name) {
    const response = await page.request.get(new URL(page.url()).pathname);
    const file = join(dir, `${name}.html`);
    writeFileSync(file, await response.text());
    served.push(file);
    const { violations } = await axeViolations(page);
    assert.deepEqual(violations, [], `${name}: axe found ${JSON.stringify(violations, null, 2)}`);
  }

  test('a picture uploaded through the form goes into a post and shows at 390 and 1280 px', async () => {
    const { page } = admin;
    await page.goto('/admin/media');
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'praxis-eingang.png',
      mimeType: 'image/png',
      buffer: picture(1800, 1200),
    });
    await page.getByLabel('Alternative text', { exact: true }).fill(ALT);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('Uploaded one file.').waitFor();
    await page.getByRole('link', { name: 'praxis-eingang.png', exact: true }).waitFor();
    assert.match(await page.locator('.media-markdown').first().inputValue(), /^!\[The practice entrance at sunset\]\(\/media\/[0-9a-f]{20}\/praxis-eingang\.webp\)$/);
    await check(page, 'media-library');
    await page.screenshot({ path: join(SCREENSHOTS, 'media-library-1280.png'), fullPage: true });

    await page.goto('/admin/posts/new');
    const title = unique('Our new entrance');
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Text (Markdown)').fill('The new entrance is open.');
    await page.getByText('Insert image').click();
    await page.getByRole('button', { name: 'Insert praxis-eingang.png' }).click();
    const text = await page.getByLabel('Text (Markdown)').inputValue();
    assert.match(text, /^The new entrance is open\.\n\n!\[The practice entrance at sunset\]\(\/media\/[0-9a-f]{20}\/praxis-eingang\.webp\)\n\n$/);
    await check(page, 'editor-with-library');
    await page.getByText('Insert image').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'media-editor-1280.png') });
    await page.getByLabel('Published').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('published at /posts/').waitFor();
    const postPath = `/posts/${await page.getByLabel('Slug').inputValue()}`;

    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const reader = await newPage(browser, folio.baseURL, { viewport });
      try {
        await reader.page.goto(postPath);
        const img = reader.page.getByRole('img', { name: ALT });
        await img.scrollIntoViewIfNeeded();
        await reader.page.waitForFunction(() => {
          const el = document.querySelector('.post-body img');
          return el && el.complete && el.naturalWidth > 0;
        });
        const shown = await img.evaluate((el) => ({
          src: el.currentSrc,
          natural: el.naturalWidth,
          width: el.getBoundingClientRect().width,
          height: el.getBoundingClientRect().height,
          attrs: ['srcset', 'sizes', 'width', 'height', 'loading', 'decoding'].map((a) => el.getAttribute(a)),
          scroll: document.documentElement.scrollWidth - window.innerWidth,
        }));
        assert.ok(shown.attrs.every((a) => a), `every attribute is there: ${shown.attrs}`);
        assert.ok(shown.scroll <= 0, `the page scrolls sideways by ${shown.scroll}px`);
        assert.ok(Math.abs(shown.width / shown.height - 1.5) < 0.02, `kept its proportions: ${shown.width}×${shown.height}`);
        // The browser picks a copy near what it shows (times the screen's density), not the largest.
        assert.ok(shown.natural >= shown.width && shown.natural <= 1600, `${shown.src} is ${shown.natural} px for ${shown.width} px`);
        await reader.page.screenshot({ path: join(SCREENSHOTS, `media-post-${viewport.width}.png`), fullPage: true });
        if (viewport.width === 1280) await check(reader.page, 'post-with-image');
      } finally {
        await reader.context.close();
      }
    }
  });

  test('without JavaScript the library and the editor give each item\'s Markdown to copy', async () => {
    const state = await admin.context.storageState();
    const { context, page } = await newPage(browser, folio.baseURL, { javaScriptEnabled: false, storageState: state });
    try {
      await page.goto('/admin/posts/new');
      await page.getByText('Insert image').click();
      const markdown = page.getByLabel('praxis-eingang.png');
      assert.match(await markdown.inputValue(), /^!\[The practice entrance at sunset\]\(\/media\//);
      assert.equal(await page.getByRole('button', { name: 'Insert praxis-eingang.png' }).count(), 0, 'no button that does nothing');
    } finally {
      await context.close();
    }
  });

  test('the library, the editor and the post are valid HTML', async () => {
    assert.equal(served.length, 3);
    const messages = await vnu(served);
    const report = messages
      .map((m) => `${(m.url ?? '').split('/').pop()}:${m.lastLine ?? '?'}: ${m.type}: ${m.message}\n    ${(m.extract ?? '').replace(/\n/g, ' ')}`)
      .join('\n');
    assert.equal(messages.length, 0, report);
  });
});
