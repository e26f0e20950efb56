/**
 * What a site page tells those who find it rather than read it: a description, Google Scholar's
 * `citation_*` tags, OpenGraph and Twitter tags, schema.org JSON-LD, the canonical URL; and the
 * site's `sitemap.xml` and `robots.txt`. All from the book model, which holds only what is
 * published (a case has no contact).
 */
import type { Element, Root, RootContent } from 'hast';
import { countryName } from '../../data/countries.js';
import { format } from '../../data/languages/index.js';
import type { Book, CaseStudy, Chapter } from '../../model/types.js';

/** What a page is about. */
export type Subject =
  | { kind: 'book' }
  | { kind: 'chapter'; chapter: Chapter }
  | { kind: 'case'; item: CaseStudy }
  | { kind: 'page'; description?: string };

/** A page's metadata, as the layout writes it. */
export interface PageMetadata {
  description: string;
  /** `<meta name=…>` (Scholar, Twitter) and `<meta property=…>` (OpenGraph), in order. */
  tags: { name?: string; property?: string; content: string }[];
  canonical: string | null;
  /** The page in each edition, for `hreflang` links: absolute with a `baseUrl`, as search engines want. */
  alternates: { lang: string; href: string }[];
  /** JSON-LD, safe inside `<script>`. */
  jsonLd: string;
}

/** Where the page is published, when the book has a `baseUrl`. */
export interface PageUrls {
  /** The page's absolute URL. */
  page: string | null;
  /** The edition's PDF, absolute, when the build printed it. */
  pdf: string | null;
  /** Each edition's language and the same page in it: its link from this page, its URL. */
  alternates: { lang: string; href: string; url: string | null }[];
  /** The page's social card (a 1200×630 PNG), absolute, when the build draws them. */
  image?: string | null;
}

/** A social card's size, as OpenGraph and Twitter show a large one. */
export const cardSize = { width: 1200, height: 630 };

/**
 * Where a page's social card is, below its edition's folder: `chapters/esg.html` →
 * `assets/cards/chapters/esg.png`.
 */
export const cardPath = (page: string) => `assets/cards/${page.replace(/\.html$/, '')}.png`;

/** Longest description: what search engines show. */
const descriptionLength = 160;

/** Text cut at a word (or, in CJK text, a character) before `length`, with an ellipsis. */
export function shortened(text: string, length = descriptionLength): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if ([...clean].length <= length) return clean;
  const cut = [...clean].slice(0, length - 1).join('');
  const space = cut.lastIndexOf(' ');
  // A cut that ends a word keeps it; one inside a word goes back to the word's start.
  const atWord = /\s/.test([...clean][length - 1] ?? '');
  let kept = atWord || space <= length * 0.6 ? cut : cut.slice(0, space);
  // No space or punctuation before the ellipsis (trimmed one by one: no pattern anchored at the end).
  while (kept !== '' && /[\s,.;:、，。]/u.test(kept.at(-1) ?? '')) kept = kept.slice(0, -1);
  return `${kept}…`;
}

/** The text of a chapter's first paragraph. */
function lead(content: Root): string {
  const text = (node: Root | RootContent): string =>
    node.type === 'text' ? node.value : 'children' in node ? node.children.map(text).join('') : '';
  const find = (node: Root | Element): Element | undefined => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'p') return child;
      // Not inside asides, figures or notes: the lead is running text.
      if (['aside', 'figure', 'section', 'nav', 'details'].includes(child.tagName)) continue;
      const inner = find(child);
      if (inner) return inner;
    }
    return undefined;
  };
  const paragraph = find(content);
  return paragraph ? text(paragraph) : '';
}

/** A date as Google Scholar reads it: `2026/02/01`. */
const scholarDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '/');

/** OpenGraph's locale: `en`, `zh_CN` for `zh-CN`. */
const ogLocale = (tag: string) => tag.replace('-', '_');

/**
 * The metadata of one page.
 *
 * @param book The edition.
 * @param subject What the page shows.
 * @param title The page's title.
 * @param urls Where it is published.
 * @returns Its tags and JSON-LD.
 */
export function pageMetadata(book: Book, subject: Subject, title: string, urls: PageUrls): PageMetadata {
  const { settings } = book;
  const language = settings.language;
  const bookDescription = settings.subtitle ? `${settings.subtitle}. ${settings.edition}` : settings.edition;
  const description = shortened(
    subject.kind === 'chapter'
      ? subject.chapter.summary || lead(subject.chapter.content) || bookDescription
      : subject.kind === 'case'
        ? subject.item.summary
        : subject.kind === 'page'
          ? (subject.description ?? bookDescription)
          : bookDescription,
  );
  const authors =
    subject.kind === 'chapter' && subject.chapter.authors?.length
      ? subject.chapter.authors
      : subject.kind === 'case'
        ? [subject.item.organization]
        : [settings.author ?? settings.publisher];
  const doi = settings.imprint?.doi;
  const isbn = settings.imprint?.isbn;
  const tags: PageMetadata['tags'] = [{ name: 'description', content: description }];
  // Google Scholar: the book's pages and each chapter (in the book) and case.
  if (subject.kind !== 'page') {
    tags.push({ name: 'citation_title', content: subject.kind === 'book' ? settings.title : title });
    for (const author of authors) tags.push({ name: 'citation_author', content: author });
    tags.push(
      { name: 'citation_publication_date', content: scholarDate(settings.date) },
      { name: 'citation_publisher', content: settings.publisher },
      { name: 'citation_language', content: language },
    );
    if (subject.kind !== 'book') tags.push({ name: 'citation_inbook_title', content: settings.title });
    if (doi) tags.push({ name: 'citation_doi', content: doi });
    if (isbn) tags.push({ name: 'citation_isbn', content: isbn });
    if (urls.pdf) tags.push({ name: 'citation_pdf_url', content: urls.pdf });
    if (settings.keywords.length > 0) tags.push({ name: 'citation_keywords', content: settings.keywords.join('; ') });
  }
  // OpenGraph and Twitter: a link shared shows the title and the description.
  tags.push(
    { property: 'og:type', content: subject.kind === 'book' ? 'book' : 'article' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:site_name', content: settings.title },
    { property: 'og:locale', content: ogLocale(language) },
    ...urls.alternates
      .filter((alternate) => alternate.lang !== language)
      .map((alternate) => ({ property: 'og:locale:alternate', content: ogLocale(alternate.lang) })),
    ...(urls.page ? [{ property: 'og:url', content: urls.page }] : []),
    ...(urls.image
      ? [
          { property: 'og:image', content: urls.image },
          { property: 'og:image:type', content: 'image/png' },
          { property: 'og:image:width', content: String(cardSize.width) },
          { property: 'og:image:height', content: String(cardSize.height) },
          { property: 'og:image:alt', content: `${title} · ${settings.title}` },
        ]
      : []),
    { name: 'twitter:card', content: urls.image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: description },
    ...(urls.image ? [{ name: 'twitter:image', content: urls.image }] : []),
  );
  // A report published as a book: schema.org's `Book` has its edition and ISBN.
  const report = {
    '@type': ['Book', 'Report'],
    name: settings.title,
    ...(settings.subtitle ? { alternativeHeadline: settings.subtitle } : {}),
    ...(settings.edition ? { bookEdition: settings.edition } : {}),
    inLanguage: language,
    datePublished: settings.date.slice(0, 10),
    publisher: { '@type': 'Organization', name: settings.publisher },
    ...(settings.author ? { author: { '@type': 'Organization', name: settings.author } } : {}),
    ...(isbn ? { isbn } : {}),
    ...(doi ? { identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: doi } } : {}),
    ...(settings.keywords.length > 0 ? { keywords: settings.keywords.join(', ') } : {}),
  };
  const structured =
    subject.kind === 'chapter'
      ? {
          '@type': 'Chapter',
          name: title,
          description,
          inLanguage: subject.chapter.language,
          ...(subject.chapter.number === null ? {} : { position: subject.chapter.number }),
          ...(subject.chapter.authors?.length
            ? { author: subject.chapter.authors.map((name) => ({ '@type': 'Person', name })) }
            : {}),
          isPartOf: report,
        }
      : subject.kind === 'case'
        ? caseStructure(book, subject.item, description, report)
        : subject.kind === 'book'
          ? {
              ...report,
              description,
              hasPart: book.chapters.map((chapter) => ({
                '@type': 'Chapter',
                name: chapter.title,
                ...(chapter.number === null ? {} : { position: chapter.number }),
              })),
            }
          : { '@type': 'WebPage', name: title, description, isPartOf: report };
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    ...structured,
    ...(urls.page ? { url: urls.page } : {}),
  }).replace(/</g, '\\u003c');
  return {
    description,
    tags,
    canonical: urls.page,
    alternates: urls.alternates.map((alternate) => ({ lang: alternate.lang, href: alternate.url ?? alternate.href })),
    jsonLd,
  };
}

/** A case as schema.org says it: a creative work by its organisation, about its goals, with its award. */
function caseStructure(book: Book, item: CaseStudy, description: string, report: object) {
  const { settings, labels } = book;
  return {
    '@type': 'CreativeWork',
    name: item.title,
    description,
    inLanguage: item.language,
    author: { '@type': 'Organization', name: item.organization, ...(item.website ? { url: item.website } : {}) },
    countryOfOrigin: {
      '@type': 'Country',
      name: countryName(item.country, settings.language, settings.countries),
      identifier: item.country,
    },
    about: item.sdgs.map((number) => ({
      '@type': 'Thing',
      name: `${format(labels.sdg, { number })}: ${labels.sdgNames[number - 1] ?? ''}`,
      sameAs: `https://sdgs.un.org/goals/goal${number}`,
    })),
    ...(item.award ? { award: item.award.translations[settings.language] ?? item.award.label } : {}),
    ...(item.keywords?.length ? { keywords: item.keywords.join(', ') } : {}),
    isPartOf: report,
  };
}

/**
 * The site's `sitemap.xml`: every page of every edition, each with its other editions.
 *
 * @param pages Each page's URL in each edition (`null` where the edition lacks it).
 * @returns XML.
 */
export function sitemap(pages: readonly { lang: string; url: string }[][]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const entries = pages.flatMap((versions) =>
    versions.map(
      (version) =>
        `  <url>\n    <loc>${escape(version.url)}</loc>\n${
          versions.length > 1
            ? versions
                .map(
                  (other) => `    <xhtml:link rel="alternate" hreflang="${other.lang}" href="${escape(other.url)}"/>\n`,
                )
                .join('')
            : ''
        }  </url>\n`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('')}</urlset>\n`;
}
