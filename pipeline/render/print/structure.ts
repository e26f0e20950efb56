/**
 * A PDF cut from a tagged one (a certificate from the print of all of them, a case from the
 * book) keeps its part of the logical structure: the structure elements with content on its
 * pages, their alternative texts, languages and attributes, and a parent tree of its own. pdf-lib
 * copies pages without it, and an untagged PDF fails PDF/UA whole.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectCopier,
  PDFRef,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/** Entries of a structure element copied as they are. */
const kept = ['S', 'Alt', 'ActualText', 'Lang', 'T', 'E', 'ID', 'A', 'C'];

const name = (key: string) => PDFName.of(key);

/** The first and last page (0-based) an element's content is on. */
interface Extent {
  first: number;
  last: number;
}

/** Each source's structure elements with the pages of their content, found once for all its extracts. */
const extents = new WeakMap<PDFDocument, Map<PDFDict, Extent>>();

/**
 * The pages each structure element of a tagged PDF has content on: an extract looks only into
 * the elements on its pages (a book cut into hundreds of case PDFs walks its tree once).
 */
function extentsOf(source: PDFDocument, root: PDFDict): Map<PDFDict, Extent> {
  const known = extents.get(source);
  if (known) return known;
  const found = new Map<PDFDict, Extent>();
  const index = new Map(source.getPages().map((page, at) => [page.ref.toString(), at]));
  const pageAt = (value: PDFObject | undefined) => (value instanceof PDFRef ? index.get(value.toString()) : undefined);
  const measure = (element: PDFDict): Extent | undefined => {
    const own = pageAt(element.get(name('Pg')));
    let extent: Extent | undefined;
    const add = (page: number | undefined, last = page) => {
      if (page === undefined || last === undefined) return;
      extent = { first: Math.min(extent?.first ?? page, page), last: Math.max(extent?.last ?? last, last) };
    };
    const visitKid = (kid: PDFObject | undefined) => {
      const value = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
      if (value instanceof PDFNumber) add(own);
      else if (value instanceof PDFArray) for (let at = 0; at < value.size(); at++) visitKid(value.get(at));
      else if (value instanceof PDFDict) {
        const type = value.get(name('Type'))?.toString();
        if (type === '/MCR' || type === '/OBJR') add(pageAt(value.get(name('Pg'))) ?? own);
        else if (value.get(name('S'))) {
          const child = measure(value);
          if (child) add(child.first, child.last);
        }
      }
    };
    visitKid(element.get(name('K')));
    if (extent) found.set(element, extent);
    return extent;
  };
  const visitTop = (kid: PDFObject | undefined) => {
    const value = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
    if (value instanceof PDFArray) for (let at = 0; at < value.size(); at++) visitTop(value.get(at));
    else if (value instanceof PDFDict) measure(value);
  };
  visitTop(root.get(name('K')));
  extents.set(source, found);
  return found;
}

/**
 * Give `target` the structure of its pages, copied from `source`.
 *
 * @param source The tagged PDF the pages were copied from.
 * @param sourcePages The pages copied, as `source` holds them.
 * @param targetPages Their copies in `target`, in the same order.
 * @param target The new PDF.
 */
export function copyStructure(
  source: PDFDocument,
  sourcePages: readonly PDFPage[],
  targetPages: readonly PDFPage[],
  target: PDFDocument,
): void {
  const root = source.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) return;
  const copier = PDFObjectCopier.for(source.context, target.context);
  const pages = new Map(sourcePages.map((page, index) => [page.ref.toString(), targetPages[index]!]));
  // Each copied annotation, by the source's: pdf-lib copies a page's annotations in order.
  const annotations = new Map<string, PDFRef>();
  for (const [index, page] of sourcePages.entries()) {
    const from = page.node.lookupMaybe(name('Annots'), PDFArray);
    const to = targetPages[index]?.node.lookupMaybe(name('Annots'), PDFArray);
    if (!from || !to) continue;
    for (let at = 0; at < Math.min(from.size(), to.size()); at++) {
      const original = from.get(at);
      const copy = to.get(at);
      if (original instanceof PDFRef && copy instanceof PDFRef) annotations.set(original.toString(), copy);
    }
  }
  // The parent tree: each page's marked content by MCID, each annotation's element.
  const marked = new Map<PDFPage, PDFRef[]>();
  const objects: { annotation: PDFRef; element: PDFRef }[] = [];
  const ids: [string, PDFRef][] = [];
  const pageOf = (value: PDFObject | undefined) => (value instanceof PDFRef ? pages.get(value.toString()) : undefined);
  const spans = extentsOf(source, root);
  const numbers = source.getPages();
  const copied = sourcePages.map((page) => numbers.indexOf(page));
  const from = Math.min(...copied);
  const to = Math.max(...copied);

  const rebuild = (element: PDFDict, parent: PDFRef): PDFRef | undefined => {
    // An element with no content on the extract's pages holds nothing to copy.
    const extent = spans.get(element);
    if (!extent || extent.last < from || extent.first > to) return undefined;
    const ref = target.context.nextRef();
    const own = pageOf(element.get(name('Pg')));
    const kids: PDFObject[] = [];
    const visitKid = (kid: PDFObject | undefined) => {
      const value = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
      if (value instanceof PDFNumber) {
        if (!own) return;
        kids.push(value);
        (marked.get(own) ?? marked.set(own, []).get(own)!)[value.asNumber()] = ref;
      } else if (value instanceof PDFArray) {
        for (let index = 0; index < value.size(); index++) visitKid(value.get(index));
      } else if (value instanceof PDFDict) {
        const type = value.get(name('Type'))?.toString();
        if (type === '/MCR') {
          const page = pageOf(value.get(name('Pg'))) ?? (value.get(name('Pg')) ? undefined : own);
          const mcid = value.lookup(name('MCID'));
          if (!page || !(mcid instanceof PDFNumber)) return;
          kids.push(target.context.obj({ Type: 'MCR', Pg: page.ref, MCID: mcid }));
          (marked.get(page) ?? marked.set(page, []).get(page)!)[mcid.asNumber()] = ref;
        } else if (type === '/OBJR') {
          const page = pageOf(value.get(name('Pg'))) ?? own;
          const object = value.get(name('Obj'));
          const copy = object instanceof PDFRef ? annotations.get(object.toString()) : undefined;
          if (!page || !copy) return;
          kids.push(target.context.obj({ Type: 'OBJR', Pg: page.ref, Obj: copy }));
          objects.push({ annotation: copy, element: ref });
        } else if (value.get(name('S'))) {
          const child = rebuild(value, ref);
          if (child) kids.push(child);
        }
      }
    };
    visitKid(element.get(name('K')));
    if (kids.length === 0) return undefined;
    const copy = target.context.obj({});
    for (const key of kept) {
      const value = element.get(name(key));
      if (value !== undefined) copy.set(name(key), copier.copy(value));
    }
    const id = element.lookup(name('ID'));
    if (id !== undefined && 'decodeText' in id) ids.push([(id as { decodeText(): string }).decodeText(), ref]);
    copy.set(name('P'), parent);
    if (own) copy.set(name('Pg'), own.ref);
    copy.set(name('K'), kids.length === 1 ? kids[0]! : target.context.obj(kids));
    target.context.assign(ref, copy);
    return ref;
  };

  const rootRef = target.context.nextRef();
  const top: PDFRef[] = [];
  const visitTop = (kid: PDFObject | undefined) => {
    const value = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
    if (value instanceof PDFArray) for (let index = 0; index < value.size(); index++) visitTop(value.get(index));
    else if (value instanceof PDFDict) {
      const child = rebuild(value, rootRef);
      if (child) top.push(child);
    }
  };
  visitTop(root.get(name('K')));
  if (top.length === 0) return;
  const nums: PDFObject[] = [];
  let key = 0;
  for (const ref of annotations.values()) target.context.lookup(ref, PDFDict).delete(name('StructParent'));
  for (const page of targetPages) {
    const elements = marked.get(page);
    page.node.delete(name('StructParents'));
    if (!elements) continue;
    page.node.set(name('StructParents'), PDFNumber.of(key));
    nums.push(
      PDFNumber.of(key++),
      target.context.obj(Array.from({ length: elements.length }, (_, index) => elements[index] ?? PDFNull)),
    );
  }
  for (const { annotation, element } of objects) {
    const dict = target.context.lookup(annotation, PDFDict);
    dict.set(name('StructParent'), PDFNumber.of(key));
    nums.push(PDFNumber.of(key++), element);
  }
  const treeRoot = target.context.obj({
    Type: 'StructTreeRoot',
    K: top.length === 1 ? top[0]! : target.context.obj(top),
    ParentTree: target.context.obj({ Nums: target.context.obj(nums) }),
    ParentTreeNextKey: PDFNumber.of(key),
  });
  for (const entry of ['RoleMap', 'ClassMap']) {
    const value = root.get(name(entry));
    if (value !== undefined) treeRoot.set(name(entry), copier.copy(value));
  }
  if (ids.length > 0) {
    const sorted = ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const names = sorted.flatMap(([id, ref]) => [PDFHexString.fromText(id), ref]);
    treeRoot.set(name('IDTree'), target.context.obj({ Names: target.context.obj(names) }));
  }
  target.context.assign(rootRef, treeRoot);
  target.catalog.set(name('StructTreeRoot'), rootRef);
  target.catalog.set(name('MarkInfo'), target.context.obj({ Marked: true }));
}
