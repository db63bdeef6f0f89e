// One folio and one Chromium per test file, started side by side; if either
// fails to start, the other is stopped too, so nothing is left running.
import { launchBrowser } from './browser.js';
import { startFolio } from './folio.js';

export async function startFolioAndBrowser(extraEnv = {}, options = {}) {
  const [folio, browser] = await Promise.allSettled([startFolio(extraEnv, options), launchBrowser()]);
  if (folio.status === 'rejected' || browser.status === 'rejected') {
    if (folio.status === 'fulfilled') await folio.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw folio.status === 'rejected' ? folio.reason : browser.reason;
  }
  return { folio: folio.value, browser: browser.value };
}
