/**
 * A social card per page of the site (`site/…/assets/cards/`), when the build prints and the
 * book says where it is published (`baseUrl`): OpenGraph and Twitter name a card by its absolute
 * URL. The site output writes them with its pages.
 */
import type { Output } from './output.js';

export const cards: Output<Map<string, Uint8Array>> = {
  name: 'cards',
  wanted: (options, books) => books.length > 0 && !options.htmlOnly && books[0]?.settings.baseUrl !== undefined,
  // The site's pages name their cards.
  prepare(job) {
    job.context.cards = true;
  },
  async make(job) {
    const { drawCards } = await import('../site/cards.js');
    const print = await job.print();
    await job.event('site-assets');
    const own = await print.browser.createBrowserContext();
    try {
      const drawn = await drawCards(job.books, job.context, own, print.printDir);
      job.time('social cards');
      return { written: [], result: drawn };
    } finally {
      await own.close();
    }
  },
};
