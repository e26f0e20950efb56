/**
 * Floor (b): one Chromium launch, load and page.pdf (tagged, as the build prints) of the
 * project's own final print HTML, with plain Node and the compiled browser helper.
 * Usage: node bench/floor-print.mjs <output folder of a full build>
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../dist/render/print/browser.js';

const out = process.argv[2] ?? 'output';
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.goto(pathToFileURL(join(out, 'print', 'book.html')).href, { waitUntil: 'load' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 0 });
  writeFileSync(join(out, 'floor.pdf'), pdf);
} finally {
  await browser.close();
}
