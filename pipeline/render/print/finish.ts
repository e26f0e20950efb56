/**
 * Printed PDF → the final PDF: where each heading landed, then bookmarks and metadata.
 */
import { bareDoi, isbnDigits } from '../identifiers.js';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import type { TocEntry } from '../../assemble/toc.js';
import { buildDate } from '../build-date.js';
import { setPageLabels } from './page-labels.js';
import type { BookSettings } from '../../model/types.js';

/** A named destination: the page (1-based) and the destination array. */
export interface Destination {
  page: number;
  target: PDFArray;
}

/**
 * Read the named destinations Chromium writes for every element an internal link points to.
 *
 * @param doc Loaded PDF.
 * @returns Destination name (the element id) → page and target.
 */
export function readDestinations(doc: PDFDocument): Map<string, Destination> {
  const pages = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const result = new Map<string, Destination>();
  const add = (name: string, value: PDFObject | undefined) => {
    const target =
      value instanceof PDFDict ? doc.context.lookup(value.get(PDFName.of('D'))) : doc.context.lookup(value);
    if (!(target instanceof PDFArray)) return;
    const ref = target.get(0);
    const page = ref instanceof PDFRef ? pages.get(ref.toString()) : undefined;
    if (page !== undefined) result.set(name, { page, target });
  };
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(destinationId(key.decodeText()), value);
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (tree) walkNameTree(doc, tree, add);
  return result;
}

function walkNameTree(
  doc: PDFDocument,
  node: PDFDict,
  add: (name: string, value: PDFObject | undefined) => void,
): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (names) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const key = names.lookup(index);
      const name =
        key instanceof PDFHexString
          ? key.decodeText()
          : (key as { decodeText?: () => string } | undefined)?.decodeText?.();
      if (name !== undefined) add(destinationId(name), names.get(index + 1));
    }
  }
  for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) {
    const child = doc.context.lookup(kid);
    if (child instanceof PDFDict) walkNameTree(doc, child, add);
  }
}

/**
 * The element id a destination is named after. Chromium writes ids with characters outside
 * ASCII (`公司`) percent-encoded (`%E5%85%AC%E5%8F%B8`).
 *
 * @param name Destination name as the PDF holds it.
 * @returns The element id.
 */
export function destinationId(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * Page of each of some elements.
 *
 * @param destinations From `readDestinations`.
 * @param ids Element ids.
 * @returns Id → page (1-based); ids without a destination are left out.
 */
export function pagesOf(destinations: ReadonlyMap<string, Destination>, ids: Iterable<string>): Map<string, number> {
  const pages = new Map<string, number>();
  for (const id of ids) {
    const destination = destinations.get(id);
    if (destination) pages.set(id, destination.page);
  }
  return pages;
}

/** Options of `finishPdf`. */
export interface FinishOptions {
  settings: BookSettings;
  toc: readonly TocEntry[];
  /** The body's first page (1-based): the pages before it are labelled in roman numerals. */
  bodyStart?: number | undefined;
  /** Creation date; defaults to `SOURCE_DATE_EPOCH` or now. */
  date?: Date;
  /** What an internal link leads to (a heading's title, "Figure 1.1"), by the element id it names. */
  describe?: (id: string) => string | undefined;
}

/**
 * Add bookmarks that mirror the table of contents, and the document metadata.
 *
 * @param doc PDF from the final print pass.
 * @param destinations Its named destinations.
 * @param options Settings and table of contents.
 * @returns The final PDF.
 */
export async function finishPdf(
  doc: PDFDocument,
  destinations: ReadonlyMap<string, Destination>,
  options: FinishOptions,
): Promise<Uint8Array> {
  const { settings } = options;
  setMetadata(doc, {
    title: settings.title,
    author: settings.author ?? settings.publisher,
    subject: settings.subtitle,
    keywords: settings.keywords.length > 0 ? settings.keywords : [settings.title],
    language: settings.language,
    ...(settings.imprint?.doi ? { doi: settings.imprint.doi } : {}),
    ...(settings.imprint?.isbn ? { isbn: settings.imprint.isbn } : {}),
    ...(options.date ? { date: options.date } : {}),
  });
  describeLinks(doc, options.describe ?? (() => undefined));
  addOutline(doc, destinations, options.toc);
  setPageLabels(doc, options.bodyStart);
  normalizeStructureIds(doc);
  // In one go: pdf-lib otherwise yields to the event loop every 50 objects, a timer's
  // millisecond each time (a 1,000-page book has 50,000 objects: 0.1 s of waiting).
  return doc.save({ objectsPerTick: Infinity });
}

/**
 * Chromium names tagged elements after internal DOM node numbers (`node00000310`), which shift
 * by a few between runs. Renumber them in their order, so that the same input gives the same
 * bytes. Order is kept, so the ID name tree stays sorted.
 *
 * @param doc PDF to change.
 */
export function normalizeStructureIds(doc: PDFDocument): void {
  if (!doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)) return;
  const idKey = PDFName.of('ID');
  const elements: PDFDict[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(idKey) !== undefined) elements.push(object);
  }
  const text = (value: PDFObject | undefined) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  const ids = [
    ...new Set(elements.map((element) => text(element.get(idKey))).filter((id): id is string => id !== undefined)),
  ].sort();
  const renamed = new Map(ids.map((id, index) => [id, PDFString.of(`node${String(index + 1).padStart(8, '0')}`)]));
  // Element ids are also named in the ID name tree and in table cells' /Headers: rename every
  // string that is one of them, wherever it stands.
  const rename = (value: PDFObject | undefined): PDFObject | undefined => {
    const id = text(value);
    return id === undefined ? undefined : renamed.get(id);
  };
  const visitObject = (object: PDFObject | undefined, seen: Set<PDFObject>) => {
    if (!object || seen.has(object)) return;
    seen.add(object);
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const next = rename(value);
        if (next) object.set(key, next);
        else if (value instanceof PDFDict || value instanceof PDFArray) visitObject(value, seen);
      }
    } else if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) {
        const value = object.get(index);
        const next = rename(value);
        if (next) object.set(index, next);
        else if (value instanceof PDFDict || value instanceof PDFArray) visitObject(value, seen);
      }
    }
  };
  const seen = new Set<PDFObject>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict || object instanceof PDFArray) visitObject(object, seen);
  }
}

/** Document metadata. */
export interface Metadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** The book's DOI and ISBN, for the XMP metadata. */
  doi?: string;
  isbn?: string;
  /** Creation and modification date; default `SOURCE_DATE_EPOCH` or now. */
  date?: Date;
}

/**
 * Set a PDF's document information, its language, and its XMP metadata (PDF/UA-1's
 * identification, Dublin Core, the DOI and ISBN), and show its title in a reader's title bar.
 *
 * @param doc PDF to change.
 * @param metadata What to set.
 */
export function setMetadata(doc: PDFDocument, metadata: Metadata): void {
  const date = metadata.date ?? buildDate();
  setXmp(doc, metadata, date);
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords(metadata.keywords);
  doc.setCreator('whitepaper (Tech4SDG publishing pipeline)');
  doc.setProducer('Chromium (Skia/PDF) and pdf-lib');
  doc.setLanguage(metadata.language);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}

function addOutline(doc: PDFDocument, destinations: ReadonlyMap<string, Destination>, toc: readonly TocEntry[]): void {
  const context = doc.context;
  const rootRef = context.nextRef();
  const build = (
    entries: readonly TocEntry[],
    parent: PDFRef,
  ): { first: PDFRef; last: PDFRef; count: number } | undefined => {
    const items = entries
      .map((entry) => ({ entry, destination: destinations.get(entry.id), ref: context.nextRef() }))
      .filter((item): item is typeof item & { destination: Destination } => item.destination !== undefined);
    let count = 0;
    for (const [index, { entry, destination, ref }] of items.entries()) {
      const dict = context.obj({});
      const title = entry.label ? `${entry.label}  ${entry.title}` : entry.title;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(title));
      dict.set(PDFName.of('Parent'), parent);
      dict.set(PDFName.of('Dest'), destination.target);
      const previous = items[index - 1];
      const next = items[index + 1];
      if (previous) dict.set(PDFName.of('Prev'), previous.ref);
      if (next) dict.set(PDFName.of('Next'), next.ref);
      const children = build(entry.children, ref);
      if (children) {
        dict.set(PDFName.of('First'), children.first);
        dict.set(PDFName.of('Last'), children.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(children.count));
        count += children.count;
      }
      context.assign(ref, dict);
      count += 1;
    }
    const first = items[0];
    const last = items.at(-1);
    return first && last ? { first: first.ref, last: last.ref, count } : undefined;
  };
  const top = build(toc, rootRef);
  if (!top) return;
  const outlines = context.obj({ Type: 'Outlines' });
  outlines.set(PDFName.of('First'), top.first);
  outlines.set(PDFName.of('Last'), top.last);
  outlines.set(PDFName.of('Count'), PDFNumber.of(top.count));
  context.assign(rootRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

const creatorTool = 'whitepaper (Tech4SDG publishing pipeline)';

/** Text for XML: `&`, `<`, `>` and quotes escaped. */
const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The XMP metadata stream (uncompressed, as PDF/UA wants it readable): `pdfuaid:part` 1, and
 * title, creator, description, language, keywords, dates, DOI and ISBN.
 */
function setXmp(doc: PDFDocument, metadata: Metadata, date: Date): void {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li><rdf:li xml:lang="${xml(metadata.language)}">${xml(text)}</rdf:li></rdf:Alt>`;
  const doi = metadata.doi === undefined ? undefined : bareDoi(metadata.doi);
  const isbn = metadata.isbn === undefined ? undefined : isbnDigits(metadata.isbn);
  const packet = [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:prism="http://prismstandard.org/namespaces/basic/3.0/">',
    '<pdfuaid:part>1</pdfuaid:part>',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(metadata.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(metadata.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(metadata.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(metadata.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<dc:subject><rdf:Bag>${metadata.keywords.map((keyword) => `<rdf:li>${xml(keyword)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    ...(doi ? [`<dc:identifier>doi:${xml(doi)}</dc:identifier>`, `<prism:doi>${xml(doi)}</prism:doi>`] : []),
    ...(isbn ? [`<prism:isbn>${xml(isbn)}</prism:isbn>`] : []),
    `<pdf:Keywords>${xml(metadata.keywords.join(', '))}</pdf:Keywords>`,
    '<pdf:Producer>Chromium (Skia/PDF) and pdf-lib</pdf:Producer>',
    `<xmp:CreatorTool>${creatorTool}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${when}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${when}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${when}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
  const stream = doc.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** A string's or a name's text. */
const textOf = (value: unknown) =>
  value instanceof PDFString || value instanceof PDFHexString || value instanceof PDFName
    ? value.decodeText()
    : undefined;

/**
 * Give every link annotation a description (`/Contents`, PDF/UA): where an internal link leads,
 * by the element id its destination names; an external link's address. Pages with annotations
 * take them in the order of the structure (`/Tabs /S`).
 *
 * @param doc The printed PDF.
 * @param describe What the element with an id is ("Figure 1.1", a heading's title).
 */
export function describeLinks(doc: PDFDocument, describe: (id: string) => string | undefined): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annotations || annotations.size() === 0) continue;
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    for (let index = 0; index < annotations.size(); index++) {
      const annotation = annotations.lookup(index);
      if (!(annotation instanceof PDFDict)) continue;
      if (annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link' || annotation.get(PDFName.of('Contents')))
        continue;
      const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = textOf(action?.lookup(PDFName.of('URI')));
      const dest = textOf(annotation.lookup(PDFName.of('Dest')) ?? action?.lookup(PDFName.of('D')));
      const id = dest === undefined ? undefined : destinationId(dest);
      const description = uri ?? (id === undefined ? undefined : (describe(id) ?? id));
      if (description) annotation.set(PDFName.of('Contents'), PDFHexString.fromText(description));
    }
  }
}
