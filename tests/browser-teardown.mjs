/** Jest global tear-down: the shared Chromium of `browser-setup.mjs` is closed. */
import { tsImport } from 'tsx/esm/api';

export default async function teardown() {
  const browser = globalThis.whitepaperTestBrowser;
  if (!browser) return;
  const { closeBrowser } = await tsImport('../pipeline/render/print/browser.ts', import.meta.url);
  await closeBrowser(browser);
}
