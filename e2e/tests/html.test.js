// The HTML that Folio serves for every page type passes the Nu HTML Checker
// (vnu.jar from npm, on the machine's Java) with zero errors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newPage } from '../lib/browser.js';
import { vnu } from '../lib/checks.js';
import { startFolioAndBrowser } from '../lib/setup.js';
import { openPageType, pageTypes, seedSite } from '../lib/site.js';

// A page with a known error, checked in the same run: proves vnu really looked.
const CANARY = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>' +
  '<body><p>an unclosed <span>paragraph</p></body></html>';

describe('valid HTML (Nu HTML Checker)', { timeout: 240_000 }, () => {
  let folio;
  let browser;
  let site;
  let dir;
  before(async () => {
    ({ folio, browser } = await startFolioAndBrowser());
    site = await seedSite(browser, folio.baseURL);
    dir = mkdtempSync(join(tmpdir(), 'folio-e2e-html-'));
  });
  after(async () => {
    await browser?.close();
    await folio?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every page type has zero vnu errors', async (t) => {
    const files = [];
    for (const type of pageTypes(site)) {
      const { context, page } = await newPage(browser, folio.baseURL, {
        storageState: type.admin ? site.adminState : undefined,
      });
      try {
        const response = await openPageType(page, type);
        // The markup as served, not the browser's repaired DOM.
        const html = await response.text();
        assert.match(response.headers()['content-type'] ?? '', /^text\/html/);
        const file = join(dir, `${type.name}.html`);
        writeFileSync(file, html);
        files.push(file);
      } finally {
        await context.close();
      }
    }
    assert.ok(files.length >= 12, `checked ${files.length} pages`);
    const canary = join(dir, 'canary-invalid.html');
    writeFileSync(canary, CANARY);
    const messages = await vnu([...files, canary]);
    const isCanary = (m) => (m.url ?? '').endsWith('/canary-invalid.html');
    assert.ok(messages.some((m) => isCanary(m) && m.type === 'error'), 'vnu reports the canary page\'s known error');
    const errors = messages.filter((m) => !isCanary(m));
    const report = errors
      .map((m) => `${(m.url ?? '').split('/').pop()}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.type}: ${m.message}\n    ${(m.extract ?? '').replace(/\n/g, ' ')}`)
      .join('\n');
    assert.equal(errors.length, 0, `vnu found ${errors.length} errors in Folio's pages:\n${report}`);
  });
});
