/**
 * Metadata for discovery, read back from the built site of the sample (three editions) with a
 * `baseUrl`, a DOI and an ISBN: each page's description and Scholar tags equal the book model's
 * values, its JSON-LD parses and uses schema.org's types and their properties only, the hreflang
 * links and the sitemap name every page absolutely, and nothing private is published.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { build, check } from '../pipeline/index.js';
import { sharedBrowser } from './helpers.js';
import type { Book } from '../pipeline/model/types.js';
import { shortened } from '../pipeline/render/site/metadata.js';
import { chapterDois, crossrefDeposit } from '../pipeline/render/site/crossref.js';
import { defaultTemplates, loadTemplates } from '../pipeline/render/templates.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-metadata-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const repository = new URL('..', import.meta.url).pathname;
const root = join(temp, 'book');
const out = join(temp, 'out');
const base = 'https://tech4sdg.example.org/white-paper/';
let books: Book[] = [];

beforeAll(async () => {
  mkdirSync(root);
  for (const name of ['whitepaper.yaml', 'chapters', 'cases', 'images', 'references.bib'])
    cpSync(join(repository, name), join(root, name), { recursive: true });
  const settings = readFileSync(join(root, 'whitepaper.yaml'), 'utf8')
    .replace('\nimprint:\n', '\nimprint:\n  doi: 10.5555/tech4sdg.2026\n  isbn: 978-3-16-148410-0\n')
    .concat(`baseUrl: ${base}\n`)
    .concat('crossref:\n  depositor:\n    name: Tech4SDG DOI desk\n    email: doi-desk@tech4sdg.example.org\n');
  writeFileSync(join(root, 'whitepaper.yaml'), settings);
  await build({ root, out, htmlOnly: true, cacheDir: false });
  books = (await check({ root })).editions;
}, 120_000);

/** A page's head, as the tags a crawler reads. */
function head(path: string) {
  const html = readFileSync(join(out, 'site', path), 'utf8');
  const decode = (text: string) =>
    text
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  const tags = [...html.matchAll(/<meta (name|property)="([^"]+)" content="([^"]*)">/g)].map(([, , key, value]) => [
    key ?? '',
    decode(value ?? ''),
  ]);
  const all = (key: string) => tags.filter(([name]) => name === key).map(([, value]) => value);
  const json = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '{}';
  return {
    html,
    one: (key: string) => all(key)[0],
    all,
    canonical: /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1],
    alternates: [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map(
      ([, lang, href]) => `${lang} ${href}`,
    ),
    ld: JSON.parse(json) as Record<string, unknown>,
  };
}

/**
 * schema.org's types used here and the properties each may have (its own and those it inherits
 * from CreativeWork and Thing), from the vocabulary's definitions (schema.org, version 29).
 */
const thing = ['@context', '@type', 'name', 'description', 'url', 'identifier', 'sameAs', 'alternateName'];
const creativeWork = [
  ...thing,
  'about',
  'author',
  'award',
  'datePublished',
  'inLanguage',
  'isPartOf',
  'hasPart',
  'keywords',
  'position',
  'publisher',
  'alternativeHeadline',
  'countryOfOrigin',
  'version',
];
const vocabulary: Record<string, readonly string[]> = {
  Book: [...creativeWork, 'bookEdition', 'isbn'],
  Report: [...creativeWork, 'reportNumber'],
  Chapter: [...creativeWork, 'pageStart', 'pageEnd'],
  CreativeWork: creativeWork,
  WebPage: creativeWork,
  Organization: [...thing, 'address'],
  Person: [...thing],
  Country: thing,
  Thing: thing,
  PropertyValue: [...thing, 'propertyID', 'value'],
};

/** Every node of JSON-LD whose types or properties are not schema.org's, as paths. */
function offVocabulary(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => offVocabulary(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const types = [record['@type']].flat().map(String);
  const allowed = new Set(types.flatMap((type) => vocabulary[type] ?? []));
  const problems = types.filter((type) => !vocabulary[type]).map((type) => `${path}: type ${type}`);
  for (const [key, value] of Object.entries(record)) {
    if (!allowed.has(key)) problems.push(`${path}: ${types.join('/')} has no ${key}`);
    problems.push(...offVocabulary(value, `${path}.${key}`));
  }
  return problems;
}

describe('metadata for discovery', () => {
  test('every chapter page: its description, Scholar tags and JSON-LD are the book model’s', () => {
    for (const book of books) {
      const { settings } = book;
      for (const chapter of book.chapters) {
        const path = `${settings.language}/chapters/${chapter.slug}.html`;
        const page = head(path);
        expect(page.one('citation_title')).toBe(chapter.title);
        expect(page.all('citation_author')).toEqual(chapter.authors?.length ? chapter.authors : [settings.author]);
        expect(page.one('citation_publication_date')).toBe(settings.date.slice(0, 10).replace(/-/g, '/'));
        expect(page.one('citation_inbook_title')).toBe(settings.title);
        expect(page.one('citation_publisher')).toBe(settings.publisher);
        expect(page.one('citation_language')).toBe(settings.language);
        expect(page.one('citation_doi')).toBe('10.5555/tech4sdg.2026');
        if (chapter.summary) expect(page.one('description')).toBe(shortened(chapter.summary));
        expect([...(page.one('description') ?? '')].length).toBeLessThanOrEqual(160);
        expect(page.one('og:title')).toBe(chapter.title);
        expect(page.canonical).toBe(`${base}${path}`);
        expect(page.ld['@type']).toBe('Chapter');
        expect(page.ld['name']).toBe(chapter.title);
        expect(page.ld['url']).toBe(`${base}${path}`);
        expect(offVocabulary(page.ld)).toEqual([]);
      }
    }
  });

  test('every case page: a CreativeWork by its organisation, from its country, about its goals, with its award; no contact anywhere', () => {
    const contacts = readdirSync(join(root, 'cases'))
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) =>
        [...readFileSync(join(root, 'cases', name), 'utf8').matchAll(/email: (\S+)/g)].map((match) => match[1] ?? ''),
      );
    expect(contacts.length).toBeGreaterThan(0);
    for (const book of books)
      for (const item of book.cases) {
        const page = head(`${book.settings.language}/cases/${item.slug}.html`);
        expect(page.one('description')).toBe(shortened(item.summary));
        expect(page.all('citation_author')).toEqual([item.organization]);
        expect(page.ld['@type']).toBe('CreativeWork');
        expect((page.ld['author'] as { name: string }).name).toBe(item.organization);
        expect((page.ld['countryOfOrigin'] as { identifier: string }).identifier).toBe(item.country);
        expect((page.ld['about'] as unknown[]).length).toBe(item.sdgs.length);
        expect(page.ld['award']).toBe(
          item.award ? (item.award.translations[book.settings.language] ?? item.award.label) : undefined,
        );
        expect(offVocabulary(page.ld)).toEqual([]);
        for (const contact of contacts) expect(page.html).not.toContain(contact);
      }
  });

  test('the edition’s index describes the book and lists its chapters; each page names the same page in every edition, absolutely', () => {
    const page = head('zh/index.html');
    const zh = books.find((book) => book.settings.language === 'zh');
    expect(page.ld['@type']).toEqual(['Book', 'Report']);
    expect(page.ld['isbn']).toBe('978-3-16-148410-0');
    expect((page.ld['hasPart'] as unknown[]).length).toBe(zh?.chapters.length);
    expect(page.one('og:type')).toBe('book');
    expect(page.one('og:locale')).toBe('zh');
    expect(page.all('og:locale:alternate')).toEqual(['en', 'ja']);
    expect(offVocabulary(page.ld)).toEqual([]);
    expect(head('ja/cases/flood-early-warning.html').alternates).toEqual(
      ['en', 'zh', 'ja'].map((lang) => `${lang} ${base}${lang}/cases/flood-early-warning.html`),
    );
  });

  test('the sitemap names every page of the site, each with its editions; no robots.txt below the host’s root', () => {
    const sitemap = readFileSync(join(out, 'site', 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]).sort();
    const pages = readdirSync(join(out, 'site'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.html'))
      .map((name) => `${base}${name}`)
      .sort();
    expect(locs).toEqual(pages);
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="ja" href="${base}ja/chapters/esg.html"/>`);
    // Crawlers read robots.txt at the host's root only: a site below it gets none.
    expect(existsSync(join(out, 'site', 'robots.txt'))).toBe(false);
  });

  test('a site at its host’s root gets a robots.txt naming its sitemap; a book without a baseUrl gets neither, nor absolute links', async () => {
    const single = join(temp, 'single');
    cpSync(join(repository, 'tests', 'fixtures', 'check', 'valid'), single, { recursive: true });
    const settings = readFileSync(join(single, 'whitepaper.yaml'), 'utf8');
    await build({ root: single, out: join(temp, 'single-out'), htmlOnly: true, cacheDir: false });
    expect(existsSync(join(temp, 'single-out', 'site', 'sitemap.xml'))).toBe(false);
    expect(readFileSync(join(temp, 'single-out', 'site', 'cases', 'good-case.html'), 'utf8')).not.toMatch(
      /rel="canonical"|og:url/,
    );
    writeFileSync(join(single, 'whitepaper.yaml'), `${settings}baseUrl: https://example.org\n`);
    await build({ root: single, out: join(temp, 'single-out'), htmlOnly: true, cacheDir: false });
    expect(readFileSync(join(temp, 'single-out', 'site', 'robots.txt'), 'utf8')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n',
    );
    expect(readFileSync(join(temp, 'single-out', 'site', 'sitemap.xml'), 'utf8')).toContain(
      '<loc>https://example.org/cases/good-case.html</loc>',
    );
  });

  test('a description is cut at a word, or in CJK text at a character, before 160 characters, without punctuation before its ellipsis', () => {
    expect(shortened('Short enough.')).toBe('Short enough.');
    const latin = shortened(`${'Sensors and alerts, '.repeat(12)}end`);
    expect(latin).toBe(`${'Sensors and alerts, '.repeat(7)}Sensors and alerts…`);
    const cjk = shortened('水位传感器和短信预警，'.repeat(20));
    expect([...cjk].length).toBe(160);
    expect(cjk.endsWith('…')).toBe(true);
    expect(cjk).not.toMatch(/，…$/);
  });
});

/** What `xmllint` says of a Crossref deposit against Crossref's schema 5.3.1 (kept in the fixtures, read offline). */
function validateDeposit(xml: string): { status: number | null; stderr: string } {
  const fixtures = join(repository, 'tests', 'fixtures', 'crossref');
  const path = join(temp, `deposit-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(path, xml);
  const result = spawnSync(
    'xmllint',
    ['--nonet', '--noout', '--schema', join(fixtures, 'schemas', 'crossref5.3.1.xsd'), path],
    { encoding: 'utf8', env: { ...process.env, XML_CATALOG_FILES: join(fixtures, 'catalog.xml') } },
  );
  return { status: result.status, stderr: result.stderr };
}

describe('Crossref deposit', () => {
  test('output/crossref.xml is valid against Crossref’s schema 5.3.1, and holds the book and each chapter with its DOI and page', () => {
    const xml = readFileSync(join(out, 'crossref.xml'), 'utf8');
    const result = validateDeposit(xml);
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
    const [main] = books;
    if (!main) throw new Error('no book');
    const dois = [...xml.matchAll(/<doi>([^<]+)<\/doi>/g)].map((match) => match[1]);
    expect(dois).toEqual(['10.5555/tech4sdg.2026', ...chapterDois('10.5555/tech4sdg.2026', main).values()]);
    expect(dois[1]).toBe(`10.5555/tech4sdg.2026.${main.chapters[0]?.slug}`);
    const resources = [...xml.matchAll(/<resource>([^<]+)<\/resource>/g)].map((match) => match[1]);
    expect(resources).toEqual([
      `${base}en/index.html`,
      ...main.chapters.map((chapter) => `${base}en/chapters/${chapter.slug}.html`),
    ]);
    const titles = [...xml.matchAll(/<title>([^<]+)<\/title>/g)].map((match) => match[1]);
    expect(titles).toEqual([main.settings.title, ...main.chapters.map((chapter) => chapter.title)]);
    expect(xml).toContain('<isbn media_type="electronic">9783161484100</isbn>');
    // The deposit's own address is the one the settings give for it; no case's contact is in it.
    expect(xml).toContain('<email_address>doi-desk@tech4sdg.example.org</email_address>');
    expect(xml).not.toMatch(/example\.(com|net)|@(?!tech4sdg)/);
  });

  test('with a printed book, each chapter has its first and last page by the PDF’s labels; still valid', async () => {
    const [main] = books;
    if (!main) throw new Error('no book');
    const templates = await loadTemplates([defaultTemplates]);
    const of = new Map(main.chapters.map((chapter, index) => [chapter.id, 9 + index * 4]));
    const labels = Array.from({ length: 40 }, (_, index) =>
      index < 8 ? ('ivxlcdm'[index % 7] ?? '') : String(index - 7),
    );
    const xml = crossrefDeposit(books, templates, new Date(Date.UTC(2026, 10, 27, 8, 30)), { of, labels }) ?? '';
    expect(validateDeposit(xml).status).toBe(0);
    const pages = [...xml.matchAll(/<first_page>(\d+)<\/first_page>\s*<last_page>(\d+)<\/last_page>/g)].map(
      ([, first, last]) => `${first}-${last}`,
    );
    expect(pages).toEqual(
      main.chapters.map((_, index) => `${1 + index * 4}-${index === main.chapters.length - 1 ? 32 : 4 + index * 4}`),
    );
    expect(xml).toContain('<timestamp>20261127083000</timestamp>');
  });

  test('a deposit that breaks the schema is refused by the check (the test can fail)', () => {
    const xml = readFileSync(join(out, 'crossref.xml'), 'utf8')
      .replace('<noisbn reason="monograph"/>', '')
      .replace(/<isbn[^>]*>[^<]*<\/isbn>/, '');
    const result = validateDeposit(xml.replace('<publisher>', '<publisher><oops/>'));
    expect(result.status).not.toBe(0);
  });
});

describe('social cards', () => {
  const browserless = process.env['WHITEPAPER_TEST_BROWSER'] === 'none';

  test('an HTML-only build draws none: its pages name no image and keep the small card', () => {
    const html = readFileSync(join(out, 'site', 'en', 'chapters', 'esg.html'), 'utf8');
    expect(html).not.toContain('og:image');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
  });

  (browserless ? test.skip : test)(
    'a printing build with a baseUrl draws a 1200×630 PNG per page, each named by its page’s og:image and twitter:image',
    async () => {
      const book = join(temp, 'cards');
      cpSync(join(repository, 'tests', 'fixtures', 'check', 'valid'), book, { recursive: true });
      writeFileSync(
        join(book, 'whitepaper.yaml'),
        `${readFileSync(join(book, 'whitepaper.yaml'), 'utf8')}baseUrl: https://example.org/book/\n`,
      );
      const target = join(temp, 'cards-out');
      await build({ ...sharedBrowser, root: book, out: target, cacheDir: false });
      const site = join(target, 'site');
      const pages = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html'));
      expect(pages.length).toBeGreaterThanOrEqual(4);
      const drawn = new Set<string>();
      for (const name of pages) {
        const html = readFileSync(join(site, name), 'utf8');
        const image = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1] ?? '';
        expect(image).toBe(`https://example.org/book/assets/cards/${name.replace(/\.html$/, '.png')}`);
        expect(html).toContain(`<meta name="twitter:image" content="${image}">`);
        expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
        const png = readFileSync(join(site, new URL(image).pathname.replace('/book/', '')));
        // The PNG's signature, then its header: width and height.
        expect([png.subarray(1, 4).toString('latin1'), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([
          'PNG',
          1200,
          630,
        ]);
        drawn.add(png.toString('base64'));
      }
      // Each card shows its own page's title.
      expect(drawn.size).toBe(pages.length);
    },
    120_000,
  );
});
