/**
 * PDF post-processing without a browser, on two small prints checked in
 * (`tests/fixtures/pdf/`, written by `UPDATE=1 jest tests/page-numbers`): the same contents
 * printed with its page numbers typed in, and with placeholders. Page numbers are filled in,
 * destinations read, bookmarks and metadata written, pages cut out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { finishPdf, pagesOf, readDestinations } from '../pipeline/render/print/finish.js';
import { fillPageNumbers, pagesLinkingTo } from '../pipeline/render/print/page-numbers.js';
import { extractPages } from '../pipeline/render/print/split.js';
import { PageStreams } from '../pipeline/render/print/content.js';
import { cleanPages } from '../pipeline/render/print/soft-hyphens.js';
import type { BookSettings, TocEntry } from '../pipeline/model/types.js';
import { fixtures } from './helpers.js';
import { outline, pdfInfo, words } from './pdf-tools.js';

const folder = mkdtempSync(join(tmpdir(), 'whitepaper-pdf-post-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The pages the fixture's contents show; the last ones run past a thousand. */
const pages = [3, 9, 10, 47, 128, 999, 1000, 2026];
const ids = pages.map((_, index) => `s${index}`);
const load = (name: string) => PDFDocument.load(readFileSync(join(fixtures, 'pdf', `${name}.pdf`)));
const save = async (name: string, doc: PDFDocument | Uint8Array) => {
  const path = join(folder, `${name}.pdf`);
  writeFileSync(path, doc instanceof Uint8Array ? doc : await doc.save());
  return path;
};
const isNumber = (word: { text: string }) => /^\d+$/.test(word.text);

describe('page numbers', () => {
  test('filled into the placeholders, they read as the typed ones, in the same places', async () => {
    const doc = await load('placeheld');
    const among = pagesLinkingTo(doc, new Set(ids));
    expect(among).toEqual([1]);
    expect(fillPageNumbers(doc, pages, pages.length, among)).toBe(true);
    const filled = words(await save('filled', doc));
    const typed = words(join(fixtures, 'pdf', 'typed.pdf'));
    expect(filled.map((word) => word.text)).toEqual(typed.map((word) => word.text));
    expect(filled.filter(isNumber).map((word) => Number(word.text))).toEqual(pages);
    const offsets = filled.flatMap((word, index) =>
      word.box.map((value, side) => Math.abs(value - (typed[index]?.box[side] ?? 0))),
    );
    expect(Math.max(...offsets)).toBeLessThan(0.05);
  });

  test('numbers held with the clean-up, as a build does, reach the document when it is cleaned (no hyphens, no openers)', async () => {
    const doc = await load('placeheld');
    const streams = new PageStreams(doc);
    expect(fillPageNumbers(doc, pages, pages.length, pagesLinkingTo(doc, new Set(ids)), streams)).toBe(true);
    // Held, not yet in the document: it still shows the placeholders.
    const held = words(await save('held', doc)).filter(isNumber);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((word) => word.text.startsWith('0123456789'))).toBe(true);
    await cleanPages(doc, [], false, streams);
    expect(
      words(await save('cleaned', doc))
        .filter(isNumber)
        .map((word) => Number(word.text)),
    ).toEqual(pages);
  });

  test('a placeholder count other than the document’s is refused: the book is then printed again', async () => {
    const doc = await load('placeheld');
    expect(fillPageNumbers(doc, pages, pages.length + 1, [1])).toBe(false);
    expect(fillPageNumbers(await load('placeheld'), pages, pages.length - 1, [1])).toBe(false);
  });

  test('no page links to an id the document lacks', async () => {
    const doc = await load('placeheld');
    expect(pagesLinkingTo(doc, new Set(['nowhere']))).toEqual([]);
  });
});

describe('destinations, bookmarks, metadata', () => {
  test('each section’s destination names its page', async () => {
    const destinations = readDestinations(await load('typed'));
    expect([...pagesOf(destinations, [...ids, 'missing'])]).toEqual(ids.map((id, index) => [id, index + 2]));
  });

  test('bookmarks follow the contents, nested, each at its page; the metadata is the book’s', async () => {
    const doc = await load('typed');
    const settings = {
      title: 'Fixture Book',
      subtitle: 'Of sections',
      publisher: 'Tech4SDG',
      keywords: ['pdf'],
      language: 'en',
    } as BookSettings;
    const entry = (index: number, children: number[] = []): TocEntry => ({
      id: `s${index}`,
      label: String(index + 1),
      title: `Section ${index + 1}`,
      children: children.map((child) => entry(child)),
    });
    const toc = [entry(0, [1, 2]), entry(3), { id: 'missing', label: null, title: 'Nowhere', children: [] }];
    const path = await save(
      'finished',
      await finishPdf(doc, readDestinations(doc), { settings, toc, date: new Date('2026-01-02T03:04:05Z') }),
    );
    expect(outline(path)).toEqual([
      {
        title: '1  Section 1',
        page: 2,
        kids: [
          { title: '2  Section 2', page: 3, kids: [] },
          { title: '3  Section 3', page: 4, kids: [] },
        ],
      },
      { title: '4  Section 4', page: 5, kids: [] },
    ]);
    const info = pdfInfo(path);
    expect([info['Title'], info['Author'], info['Subject'], info['Keywords']]).toEqual([
      'Fixture Book',
      'Tech4SDG',
      'Of sections',
      'pdf',
    ]);
    expect(info['CreationDate']).toMatch(/2026/);
  });

  test('pages cut out keep their text and get metadata of their own', async () => {
    const cut = await extractPages(await load('typed'), [
      {
        name: 'two',
        from: 2,
        to: 3,
        metadata: { title: 'Two pages', author: 'A', subject: 'S', keywords: ['k'], language: 'en' },
      },
    ]);
    const path = await save('cut', cut.get('two') ?? new Uint8Array());
    expect(pdfInfo(path)['Pages']).toBe('2');
    expect(pdfInfo(path)['Title']).toBe('Two pages');
    expect(words(path).map((word) => word.text)).toEqual(['Foreword']);
  });
});
