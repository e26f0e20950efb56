/**
 * Jest global set-up: one Chromium for the whole run. Suites that print connect to it
 * (`sharedBrowser`, `testBrowser` in helpers.ts) instead of each starting their own; the
 * suites that test starting a browser (hazards) still start theirs. Plain JavaScript: jest
 * loads this file with Node's own loader, so the pipeline's TypeScript comes through tsx.
 */
import { tsImport } from 'tsx/esm/api';

export default async function setup() {
  // `npm run test:fast` and single browser-free suites need none.
  if (process.env.WHITEPAPER_TEST_BROWSER === 'none') return;
  const { launchBrowser } = await tsImport('../pipeline/render/print/browser.ts', import.meta.url);
  const browser = await launchBrowser({ pipe: false });
  globalThis.whitepaperTestBrowser = browser;
  // Workers start after this and inherit the environment.
  process.env.WHITEPAPER_TEST_BROWSER = browser.wsEndpoint();
}
