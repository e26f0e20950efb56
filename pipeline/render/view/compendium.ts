/**
 * Book → view models of the compendium's own pages: the opening page with its charts, and the indices.
 */
import { format } from '../../data/languages/index.js';
import { indicesId, type IndexGroup } from '../../assemble/indices.js';
import { compendiumId, type TocEntry } from '../../assemble/toc.js';
import type { Book, BookChart } from '../../model/types.js';
import { tocView, type PageNumbers, type TocEntryView } from './view.js';

/** The compendium's opening page: introduction, list of cases, charts. */
export interface CompendiumView {
  id: string;
  title: string;
  intro: string;
  entries: TocEntryView[];
  /** Numbered figures: the drawing, its label (`Figure C.1`), its caption and its values. */
  charts: (BookChart & { label: string })[];
  /** The summary of a chart's table of values ("Data"). */
  dataLabel: string;
  /** How the awards were decided, when the book's judging has results. */
  decided: { heading: string; screened: string | null; text: string } | null;
  /** The link to the submission form, in the site of a book whose form is public. */
  submit?: { href: string; label: string } | null;
}

/** The compendium's indices. */
export interface IndicesView {
  id: string;
  title: string;
  indices: { id: string; title: string; groups: { title: string; entries: TocEntryView[] }[] }[];
}

/**
 * @param book The assembled book.
 * @param toc Its table of contents.
 * @param href URL of a case, seen from the page.
 * @param pages Page of each case, when known.
 * @returns The compendium's opening page, or `null` when the book has no cases.
 */
export function compendiumView(
  book: Book,
  toc: readonly TocEntry[],
  href: (id: string) => string,
  pages?: PageNumbers,
): CompendiumView | null {
  const entry = toc.find((item) => item.id === compendiumId);
  if (!entry) return null;
  return {
    id: entry.id,
    title: entry.title,
    intro: book.labels.compendiumIntro,
    entries: tocView(entry.children, href, pages),
    // Numbered figures of the compendium (C.1, C.2), their titles as captions.
    charts: book.charts.map((chart, index) => ({
      ...chart,
      label: format(book.labels.figure, { number: `C.${index + 1}` }),
    })),
    dataLabel: book.labels.chartData,
    decided: book.decided
      ? {
          heading: book.labels.awardsDecided,
          screened: book.decided.screened
            ? format(book.labels.awardsScreened, {
                cases: book.decided.screened.cases,
                passed: book.decided.screened.passed,
                label: book.decided.screened.translations[book.settings.language] ?? book.decided.screened.label,
              })
            : null,
          text: format(book.labels.awardsMethod, {
            judges: book.decided.judges,
            cases: book.decided.cases,
            perCase: book.decided.judgesPerCase,
            conflicts: book.decided.conflicts,
            criteria: book.decided.criteria
              .map((criterion) =>
                format(book.labels.criterionWeight, {
                  label: criterion.translations[book.settings.language] ?? criterion.label,
                  weight: criterion.weight,
                }),
              )
              .join(book.labels.listSeparator),
          }),
        }
      : null,
  };
}

/**
 * @param book The assembled book.
 * @param href URL of a case, seen from the page.
 * @param pages Page of each case, when known.
 * @returns The indices page.
 */
export function indicesView(book: Book, href: (id: string) => string, pages?: PageNumbers): IndicesView {
  const { indices } = book;
  const index = (id: string, title: string, groups: IndexGroup[]) => ({
    id,
    title,
    groups: groups.map((group) => ({
      title: group.title,
      entries: tocView(
        group.cases.map((item) => ({ ...item, label: null, children: [] })),
        href,
        pages,
      ),
    })),
  });
  return {
    id: indicesId,
    title: book.labels.indices,
    indices: [
      index('index-by-country', book.labels.byCountry, indices.byCountry),
      index('index-by-sdg', book.labels.bySdg, indices.bySdg),
      index('index-by-committee', book.labels.byCommittee, indices.byCommittee),
    ],
  };
}
