/**
 * One PDF → several, each a range of its pages with metadata of its own.
 */
import { PDFDocument } from 'pdf-lib';
import { describeLinks, setMetadata, type Metadata } from './finish.js';
import { copyStructure } from './structure.js';

/** A range of pages to extract. */
export interface Extract {
  /** Output file name. */
  name: string;
  /** First page, 1-based. */
  from: number;
  /** Last page, inclusive. */
  to: number;
  metadata: Metadata;
}

/**
 * Copy page ranges into new PDFs. Cheaper by far than printing each one: one browser print
 * serves hundreds of files.
 *
 * @param source PDF to cut from.
 * @param extracts Ranges to copy.
 * @returns File name → PDF bytes.
 */
export async function extractPages(
  source: PDFDocument,
  extracts: readonly Extract[],
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const extract of extracts) {
    const doc = await PDFDocument.create();
    const indices = Array.from({ length: extract.to - extract.from + 1 }, (_, index) => extract.from - 1 + index);
    const copies = await doc.copyPages(source, indices);
    for (const page of copies) doc.addPage(page);
    const pages = source.getPages();
    copyStructure(
      source,
      indices.map((index) => pages[index]!),
      copies,
      doc,
    );
    setMetadata(doc, extract.metadata);
    describeLinks(doc, () => undefined);
    // Object streams would halve a one-page file but triple the time for hundreds of them.
    files.set(extract.name, await doc.save({ useObjectStreams: false, objectsPerTick: Infinity }));
  }
  return files;
}
