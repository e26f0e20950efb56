/**
 * Book → the compendium's indices: cases by country, by SDG and by committee.
 */
import { format } from '../data/languages/index.js';
import { committeeIds } from '../data/committees.js';
import { countryName } from '../data/countries.js';
import { langWithin } from '../data/scripts.js';
import { sdgs } from '../data/sdgs.js';
import type { Book, CaseStudy, IndexGroup, Indices } from '../model/types.js';

export type { IndexGroup, Indices };

/** Id of the indices' opening heading. */
export const indicesId = 'compendium-indices';

/**
 * Build the indices. Countries are sorted by name in the book's language, SDGs by number, committees in the
 * alliance's order; groups without cases are left out.
 *
 * @param book The assembled book.
 * @returns The indices.
 */
export function buildIndices(book: Book): Indices {
  const { labels, settings } = book;
  const name = (code: string) => countryName(code, settings.language, settings.countries);
  const collator = new Intl.Collator(book.settings.language);
  const countries = [...new Set(book.cases.map((item) => item.country))].sort((a, b) =>
    collator.compare(name(a), name(b)),
  );
  const group = (key: string, title: string, test: (item: CaseStudy) => boolean): IndexGroup => ({
    key,
    title,
    cases: book.cases
      .filter(test)
      .map((item) => ({ id: item.id, title: item.title, lang: langWithin(item.titleLanguage, settings.language) })),
  });
  const nonEmpty = (groups: IndexGroup[]) => groups.filter((entry) => entry.cases.length > 0);
  return {
    byCountry: countries.map((code) => group(code, name(code), (item) => item.country === code)),
    bySdg: nonEmpty(
      sdgs.map((sdg) =>
        group(
          String(sdg.number),
          `${format(labels.sdg, { number: sdg.number })}: ${labels.sdgNames[sdg.number - 1] ?? ''}`,
          (item) => item.sdgs.includes(sdg.number),
        ),
      ),
    ),
    byCommittee: nonEmpty(committeeIds.map((id) => group(id, labels.committees[id], (item) => item.committee === id))),
  };
}

/**
 * Number of cases per SDG, all 17 included.
 *
 * @param book The assembled book.
 * @returns Count per SDG number, in order 1 to 17.
 */
export function casesPerSdg(book: Book): { number: number; count: number }[] {
  return sdgs.map((sdg) => ({
    number: sdg.number,
    count: book.cases.filter((item) => item.sdgs.includes(sdg.number)).length,
  }));
}
