/**
 * A PDF content stream as text and back, with Node's own zlib: pdf-lib's decoder and encoder are
 * JavaScript, and reading every page of a 1,000-page book through them took seconds.
 */
import { promisify } from 'node:util';
import { deflate, inflateSync, deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFName, PDFRawStream, type PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';

/**
 * The text of a stream (bytes as latin1, one character per byte).
 *
 * @param doc The PDF.
 * @param ref The stream, or a reference to it.
 * @returns Its decoded text, or `undefined` when it is not a stream.
 */
export function readStream(doc: PDFDocument, ref: PDFObject | undefined): string | undefined {
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return undefined;
  const filter = stream.dict.get(PDFName.of('Filter'));
  // Chromium writes each content stream with the one filter, FlateDecode; anything else the slow way.
  const bytes =
    filter instanceof PDFName && filter.asString() === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))
      ? inflateSync(stream.contents)
      : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Replace a stream's content by text, compressed.
 *
 * @param doc The PDF; changed in place.
 * @param ref The stream.
 * @param text The new content (latin1).
 */
export function writeStream(doc: PDFDocument, ref: PDFRef, text: string): void {
  assignCompressed(doc, ref, deflateSync(Buffer.from(text, 'latin1')));
}

function assignCompressed(doc: PDFDocument, ref: PDFRef, bytes: Uint8Array): void {
  doc.context.assign(ref, doc.context.stream(bytes, { Filter: 'FlateDecode' }));
}

const deflateAsync = promisify(deflate);

/** Streams compressed at once in libuv's threads: enough to keep both cores busy, few texts held. */
const inFlight = 4;

/**
 * The content streams of a document edited in several steps (page numbers, then running heads
 * and soft hyphens): each stream is decompressed once and compressed once, in libuv's threads
 * while this one reads the next page. Edited text is held until `store` or `flush`.
 */
export class PageStreams {
  readonly #doc: PDFDocument;
  /** Edited texts not yet compressed. */
  readonly #held = new Map<PDFRef, string>();
  readonly #running = new Set<Promise<void>>();
  #failure: Error | undefined;

  constructor(doc: PDFDocument) {
    this.#doc = doc;
  }

  /** A stream's text: as last written, or as the document holds it. */
  read(ref: PDFRef): string | undefined {
    return this.#held.get(ref) ?? readStream(this.#doc, ref);
  }

  /** Hold a stream's new text, to be compressed later. */
  write(ref: PDFRef, text: string): void {
    this.#held.set(ref, text);
  }

  /** Whether a stream has text written and not yet stored. */
  holds(ref: PDFRef): boolean {
    return this.#held.has(ref);
  }

  /**
   * Compress a stream's final text into the document, in the background; resolves when another
   * compression may start (not when this one is done: `flush` waits for all).
   */
  async store(ref: PDFRef, text: string): Promise<void> {
    this.#held.delete(ref);
    while (this.#running.size >= inFlight) await Promise.race(this.#running);
    const running: Promise<void> = deflateAsync(Buffer.from(text, 'latin1')).then(
      (bytes) => {
        this.#running.delete(running);
        assignCompressed(this.#doc, ref, bytes);
      },
      (cause: unknown) => {
        this.#running.delete(running);
        this.#failure ??= cause instanceof Error ? cause : new Error(String(cause));
      },
    );
    this.#running.add(running);
  }

  /** Store every held text and wait until all are in the document. */
  async flush(): Promise<void> {
    for (const [ref, text] of [...this.#held]) await this.store(ref, text);
    await Promise.all(this.#running);
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** Store every held text now, in this thread. */
  flushSync(): void {
    for (const [ref, text] of this.#held) writeStream(this.#doc, ref, text);
    this.#held.clear();
  }
}
