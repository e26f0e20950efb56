/**
 * Awarded cases → one A4 landscape certificate PDF each, from a single print.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrintError } from '../../model/errors.js';
import type { Book } from '../../model/types.js';
import type { PrintContext } from '../context.js';
import { printAside } from './pdf.js';
import { extractPages } from './split.js';
import { markDocumentArtifacts } from './artifacts.js';
import { bookView, caseView, draftLine } from '../view/view.js';

/**
 * Print every certificate in one document, one page each, and cut it into a PDF per case.
 * A certificate that does not fit on one page is an error rather than a silent second page.
 *
 * @param book The assembled book.
 * @param context Templates (`certificate.hbs`, `certificate.css`), marks (a draft's certificates carry
 *   its watermark and build line, like every page of the book), browser and folders.
 * @returns Case slug → PDF bytes; empty when no case has an award.
 */
export async function printCertificates(
  book: Book,
  context: PrintContext,
  options: { site?: string } = {},
): Promise<Map<string, Uint8Array>> {
  const { templates, printDir } = context;
  const awarded = book.cases.filter((item) => item.award !== null);
  if (awarded.length === 0) return new Map();
  const view = bookView(book.settings);
  const certificates = awarded.map((item) => caseView(item, null, book));
  const htmlPath = join(printDir, 'certificates.html');
  await writeFile(join(printDir, 'certificate.css'), templates.file('certificate.css'));
  await writeFile(
    htmlPath,
    templates.render('certificate', {
      lang: book.settings.language,
      labels: book.labels,
      book: view,
      certificates,
      draft: draftLine(context.marks.draft, book.labels),
      fonts: `${options.site ?? '../site/'}assets/fonts.css`,
      signatories: book.settings.signatories ?? [],
    }),
  );
  const source = await printAside(htmlPath, context);
  await markDocumentArtifacts(source);
  if (source.getPageCount() !== awarded.length) {
    throw new PrintError(
      `Expected ${awarded.length} certificate pages, got ${source.getPageCount()}: a certificate does not fit on one page (see templates/certificate.css)`,
    );
  }
  const files = await extractPages(
    source,
    awarded.map((item, index) => ({
      name: item.slug,
      from: index + 1,
      to: index + 1,
      metadata: {
        title: `${item.award?.label ?? ''}: ${item.title}`,
        author: view.publisher,
        subject: `${view.title}, ${view.edition}`,
        keywords: [item.award?.label ?? '', item.organization],
        language: book.settings.language,
      },
    })),
  );
  return files;
}
