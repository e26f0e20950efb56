/**
 * Each site page's social card (`assets/cards/<page>.png`, 1200×630): the book's logo and title,
 * the page's title and the edition, drawn by the build's Chromium from `templates/card.hbs`. One
 * document per edition; each card sets its title and is captured.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext } from 'puppeteer';
import { editionFolder } from '../../assemble/pages.js';
import { languageName } from '../../data/languages/index.js';
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { bookView } from '../view/view.js';
import { cardPath, cardSize } from './metadata.js';
import { sitePages } from './site.js';

/**
 * Draw the cards of every edition.
 *
 * @param books Every edition, the main one first.
 * @param context Templates and marks.
 * @param browser A browser (context) to draw in.
 * @param printDir Where the card documents are written (the site is `../site/` from there).
 * @returns Path below the site root → PNG.
 */
export async function drawCards(
  books: readonly Book[],
  context: RenderContext,
  browser: Browser | BrowserContext,
  printDir: string,
): Promise<Map<string, Uint8Array>> {
  const cards = new Map<string, Uint8Array>();
  await writeFile(join(printDir, 'card.css'), context.templates.file('card.css'));
  const page = await browser.newPage();
  try {
    await page.setViewport({ ...cardSize, deviceScaleFactor: 1 });
    for (const book of books) {
      const language = book.settings.language;
      const folder = editionFolder(language, books.length > 1);
      const view = bookView(book.settings);
      const site = `../site/${folder}`;
      const path = join(printDir, `cards-${language}.html`);
      await writeFile(
        path,
        context.templates.render('card', {
          lang: language,
          fonts: `${site}assets/fonts.css`,
          logo: view.logo ? `${site}${view.logo}` : null,
          book: book.settings.title,
          edition: `${book.settings.edition} · ${languageName(language, language)}`,
        }),
      );
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      for (const sitePage of sitePages(book, context)) {
        await page.evaluate(
          async (title: string, lang: string) => {
            const heading = document.getElementById('card-title');
            if (!heading) return;
            heading.textContent = title;
            heading.lang = lang;
            // Laid out, the title asks for the faces of its characters; the capture waits for them.
            void heading.offsetHeight;
            await document.fonts.ready;
          },
          sitePage.title,
          sitePage.lang ?? language,
        );
        const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...cardSize } });
        cards.set(`${folder}${cardPath(sitePage.path)}`, png);
      }
    }
  } finally {
    await page.close();
  }
  return cards;
}
