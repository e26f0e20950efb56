/**
 * The outputs of a build, in one list: adding one (an EPUB, a judging report) is a module that
 * implements `Output` and a line here. `build({ outputs })` takes another list.
 */
import { book } from './book.js';
import { casePdfs } from './case-pdfs.js';
import { cards } from './cards.js';
import { certificates } from './certificates.js';
import { crossref } from './crossref.js';
import { dashboard } from './dashboard.js';
import { epub } from './epub.js';
import { packets } from './packets.js';
import type { Output } from './output.js';
import { site } from './site.js';
import { submit } from './submit.js';

export type { EditionOutputs, Made, Output, OutputJob, OutputOptions, Outputs, ServedFile } from './output.js';

/** Every output the pipeline makes, each made when the build wants it. */
export const defaultOutputs: readonly Output[] = [
  site,
  book,
  cards,
  epub,
  crossref,
  certificates,
  casePdfs,
  dashboard,
  packets,
  submit,
];
