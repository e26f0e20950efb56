/**
 * Judges' packets: per judge, a PDF of exactly the cases assigned to them, with the criteria and
 * their guides, in the edition the judge reads; blind unless the settings say otherwise (no
 * organisation, country or website, and the organisation's name and website taken out of the
 * text). One print per language, cut into a PDF per judge where each packet starts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import { countryName } from '../../data/countries.js';
import { format } from '../../data/languages/index.js';
import type { Judging } from '../../judging/index.js';
import type { Judge } from '../../judging/settings.js';
import type { Book, CaseStudy } from '../../model/types.js';
import type { PrintContext } from '../context.js';
import { printLinks } from '../view/fragment.js';
import { bookView, caseView } from '../view/view.js';
import { readDestinations } from './finish.js';
import { printAside } from './pdf.js';
import { extractPages } from './split.js';
import { markDocumentArtifacts } from './artifacts.js';

/** What stands for a name taken out of a blind packet. */
const redaction = '■■■';

/**
 * The words that name a case's submitter: its organisation (each part of "Name (Other name)"),
 * its website's host, and its country's name in English and in the packet's language.
 */
function identifying(item: CaseStudy, book: Book): RegExp | undefined {
  const names = item.organization
    .split(/[()（）]/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 3);
  const host = item.website ? /^(?:https?:\/\/)?(?:www\.)?([^/:?#]+)/i.exec(item.website)?.[1] : undefined;
  const countries = [
    countryName(item.country, 'en', book.settings.countries),
    countryName(item.country, book.settings.language, book.settings.countries),
  ];
  const terms = [...new Set([item.organization, ...names, ...(host ? [host] : []), ...countries])]
    .filter((term) => term.length >= 2)
    .sort((a, b) => b.length - a.length);
  if (terms.length === 0) return undefined;
  // A name in Latin letters takes the rest of its word with it ("Indian" as well as "India").
  const escaped = terms.map(
    (term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (/\p{Script=Latin}$/u.test(term) ? '\\p{L}*' : ''),
  );
  return new RegExp(escaped.join('|'), 'giu');
}

/** A copy of a case without what names its submitter or its country: in its text, alt texts and titles; its links to the website unwrapped. */
function blinded(item: CaseStudy, book: Book): CaseStudy {
  const pattern = identifying(item, book);
  if (!pattern) return item;
  const redact = (text: string) => text.replace(pattern, redaction);
  const content = structuredClone(item.content);
  const visit = (node: HastRoot | Element) => {
    node.children = (node.children as RootContent[]).flatMap((child): RootContent[] => {
      if (child.type === 'text') return [{ ...child, value: redact(child.value) }];
      if (child.type !== 'element') return [child];
      for (const name of ['alt', 'title', 'ariaLabel'])
        if (typeof child.properties[name] === 'string') child.properties[name] = redact(child.properties[name]);
      visit(child);
      const href = child.properties['href'];
      // A link that leads to the submitter's site keeps its words, not its address.
      if (child.tagName === 'a' && typeof href === 'string' && pattern.test(href)) {
        pattern.lastIndex = 0;
        return child.children;
      }
      pattern.lastIndex = 0;
      return [child];
    });
  };
  visit(content);
  return { ...item, title: redact(item.title), titleHtml: redact(item.title), summary: redact(item.summary), content };
}

/** A packet to print: a judge, a round, the cases they read in it. */
interface Packet {
  /** The PDF's name: the judge's id, in `screening/` for the screening round. */
  name: string;
  judge: Judge;
  screening: boolean;
  cases: readonly string[];
}

/**
 * Print the judges' packets: for the scored round, the criteria with a guide per score; for the
 * screening round, its question with the conditions a case must meet.
 *
 * @param books Every edition, the main one first.
 * @param judging The judging, with its assignments.
 * @param context Templates (`packet.hbs`, `packet.css`), browser and folders.
 * @param options Where the site is, seen from the print folder, by edition language.
 * @returns Packet name (`<judge>`, `screening/<judge>`) → PDF bytes.
 */
export async function printPackets(
  books: readonly Book[],
  judging: Judging,
  context: PrintContext,
  options: { site: (language: string) => string },
): Promise<Map<string, Uint8Array>> {
  const settings = judging.settings;
  const [main] = books;
  if (!settings || !main) return new Map();
  const { criteria, judges, assignments, screening } = settings;
  await writeFile(join(context.printDir, 'packet.css'), context.templates.file('packet.css'));
  const byLanguage = new Map<Book, Packet[]>();
  for (const [round, assigned] of [
    ['screening', screening],
    ['scored', assignments],
  ] as const)
    for (const judge of judges) {
      const cases = assigned.get(judge.id) ?? [];
      if (cases.length === 0) continue;
      const book = books.find((edition) => edition.settings.language === judge.language) ?? main;
      const packet = {
        name: round === 'screening' ? `screening/${judge.id}` : judge.id,
        judge,
        screening: round === 'screening',
        cases,
      };
      byLanguage.set(book, [...(byLanguage.get(book) ?? []), packet]);
    }
  const packets = new Map<string, Uint8Array>();
  for (const [book, list] of byLanguage) {
    const language = book.settings.language;
    const heading = (packet: Packet) =>
      format(packet.screening ? book.labels.packetScreening : book.labels.packet, { name: packet.judge.name });
    const id = (packet: Packet) => `packet-${packet.name.replace('/', '-')}`;
    // Not hyphenated: the book's soft hyphens are taken out of its PDF's text afterwards, a packet's are not.
    const links = printLinks(book, options.site(language));
    const htmlPath = join(context.printDir, `packets-${language}.html`);
    const scored = criteria.criteria.map((criterion) => ({
      label: criterion.translations?.[language] ?? criterion.label,
      weight: criterion.weight,
      low: criterion.scale[0],
      guide: criterion.guide,
    }));
    const screeningView = criteria.screening && {
      label: criteria.screening.translations?.[language] ?? criteria.screening.label,
      conditions: criteria.screening.guide,
    };
    await writeFile(
      htmlPath,
      context.templates.render('packet', {
        lang: language,
        fonts: `${options.site(language)}assets/fonts.css`,
        book: bookView(book.settings),
        labels: book.labels,
        blind: criteria.blind ? book.labels.packetBlind : null,
        packets: list.map((packet) => ({
          id: id(packet),
          heading: heading(packet),
          criteria: packet.screening ? [screeningView] : scored,
          cases: packet.cases.flatMap((slug) => {
            const item = book.cases.find((candidate) => candidate.slug === slug);
            return item ? [caseView(criteria.blind ? blinded(item, book) : item, links, book)] : [];
          }),
        })),
      }),
    );
    const doc = await printAside(htmlPath, context);
    await markDocumentArtifacts(doc);
    const destinations = readDestinations(doc);
    const starts = list.map((packet) => destinations.get(id(packet))?.page ?? 0);
    const files = await extractPages(
      doc,
      list.map((packet, index) => ({
        name: packet.name,
        from: starts[index] ?? 1,
        to: (starts[index + 1] ?? doc.getPageCount() + 1) - 1,
        metadata: {
          title: heading(packet),
          author: book.settings.publisher,
          subject: `${book.settings.title}, ${book.settings.edition}`,
          keywords: [],
          language,
        },
      })),
    );
    for (const [name, bytes] of files) packets.set(name, bytes);
  }
  return packets;
}
