// The two checkers every page type goes through: axe-core in the browser
// (WCAG 2.1 A and AA) and the Nu HTML Checker (vnu.jar) over the HTML as served.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// vnu-jar exports the path of its bundled vnu.jar; run it with the machine's java.
const VNU_JAR = String(require('vnu-jar'));

/** Runs axe in the page (evaluated through the devtools protocol, so the page's CSP allows it). */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return { passes: result.passes.length, violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    })) };
  }, TAGS);
}

/** Runs vnu once over all files; resolves to its error messages (JSON format). */
export function vnu(files) {
  return new Promise((ok, fail) => {
    execFile('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error && error.code === 'ENOENT') {
          fail(new Error('java not found: the Nu HTML Checker needs a Java runtime (apt-get install default-jre-headless)'));
          return;
        }
        const text = `${stdout}${stderr}`.trim();
        try {
          ok(JSON.parse(text).messages);
        } catch {
          fail(new Error(`vnu did not answer with JSON (exit ${error?.code ?? 0}):\n${text}`));
        }
      });
  });
}
