/** Shared test helpers: fixture folders and expected files that `UPDATE=1` rewrites. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import type { BrowserContext, Page } from 'puppeteer';
import { closeBrowser, connectBrowser, launchBrowser } from '../pipeline/render/print/browser.js';

/** Root of the fixtures. */
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/**
 * Names of the fixture folders of one kind.
 *
 * @param kind Folder below `tests/fixtures/`.
 * @returns Sorted folder names.
 */
export function fixtureNames(kind: string): string[] {
  return readdirSync(join(fixtures, kind), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Compare text with an expected file, or rewrite the file when `UPDATE=1`.
 *
 * @param path Expected file.
 * @param actual Text produced by the test.
 */
export function expectFile(path: string, actual: string): void {
  if (process.env['UPDATE'] === '1' || !existsSync(path)) {
    if (process.env['UPDATE'] !== '1') throw new Error(`Missing ${path}: run with UPDATE=1 and review it`);
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/**
 * The sample book's chapters that its Chinese and Japanese editions show in English: one warning
 * per edition, in the order of the report (by file, then edition).
 */
export const untranslated = [
  ['02-technology-ethics', 1],
  ['03-esg', 2],
  ['04-digital-economy', 2],
  ['05-metaverse', 2],
].flatMap(([name, count]) =>
  Array.from({ length: Number(count) }, () => `chapters/en/${String(name)}.md:1:1 translation-missing`),
);

/** The Chromium that jest's global set-up started for the run, if any (its WebSocket URL). */
const sharedEndpoint = process.env['WHITEPAPER_TEST_BROWSER']?.startsWith('ws')
  ? process.env['WHITEPAPER_TEST_BROWSER']
  : undefined;

/** Build options that print in the run's shared Chromium: spread into `build()`. */
export const sharedBrowser: { browserEndpoint?: string } = sharedEndpoint ? { browserEndpoint: sharedEndpoint } : {};

/**
 * A browser for a suite: a context of its own in the run's shared Chromium when there is one,
 * else a Chromium of its own.
 *
 * @returns The browser (context), and what lets it go (closes the context and disconnects, or
 *   closes the suite's own browser).
 */
export async function testBrowser(): Promise<{ browser: BrowserContext; release: () => Promise<void> }> {
  if (sharedEndpoint) {
    const shared = await connectBrowser(sharedEndpoint);
    const browser = await shared.createBrowserContext();
    return { browser, release: () => browser.close().then(() => shared.disconnect()) };
  }
  const own = await launchBrowser();
  return { browser: own.defaultBrowserContext(), release: () => closeBrowser(own) };
}

/**
 * A reviewer's comment on a page under review: select a phrase of a paragraph, press the
 * *Comment* button by the selection, write a name and a comment, save.
 *
 * @param page A page with the review script.
 * @param phrase Text at the start of a paragraph's first text node, or within it.
 * @param name The reviewer's name.
 * @param body The comment.
 */
export async function commentOn(page: Page, phrase: string, name: string, body: string): Promise<void> {
  await page.evaluate((phrase: string) => {
    const paragraph = Array.from(document.querySelectorAll('main p')).find((p) => p.textContent?.includes(phrase));
    const text = paragraph?.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.data.indexOf(phrase));
    range.setEnd(text, text.data.indexOf(phrase) + phrase.length);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    document.dispatchEvent(new MouseEvent('mouseup'));
  }, phrase);
  await page.waitForSelector('.review-offer');
  await page.click('.review-offer');
  await page.type('.review-form input[name=name]', name);
  await page.type('.review-form textarea', body);
  await page.click('.review-form .review-save');
}
