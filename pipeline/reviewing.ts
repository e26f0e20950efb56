/**
 * The editor's side of review: list the comments, resolve one, import those a reviewer sent (a
 * `--review` site's export). A thin layer over `check` (which finds every comment again in the
 * current text) and the comments files of `review/`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VFile } from 'vfile';
import { PDFDocument } from 'pdf-lib';
import { check, type CheckResult } from './check.js';
import { readDestinations, type Destination } from './render/print/finish.js';
import { printId } from './render/print/ids.js';
import { readPdfRemarks } from './review/pdf.js';
import { UsageError } from './model/errors.js';
import { error, hasErrors } from './model/message.js';
import { anchor, pointsOf } from './review/anchor.js';
import { AnnotationProblem, toAnnotation, type Annotation } from './review/annotation.js';
import {
  anchored,
  commentsBySource,
  firstLine,
  mergeComment,
  repliesNote,
  writeReview,
  type ReviewedComment,
} from './review/index.js';
import { suggest } from './shared/suggest.js';

/** What `listComments` keeps. */
export interface ListOptions {
  root?: string;
  /** Only open comments. */
  open?: boolean;
  /** Only comments by this name (case and accents ignored), or with a reply by it. */
  by?: string;
}

const fold = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * Every comment of a book, where its text now stands.
 *
 * @param options Root and filters.
 * @returns The comments, by source and place.
 */
export async function listComments(options: ListOptions = {}): Promise<ReviewedComment[]> {
  const { review } = await check(options.root ? { root: options.root } : {});
  const by = options.by === undefined ? undefined : fold(options.by);
  return review.comments.filter(
    ({ annotation }) =>
      (!options.open || annotation.status === 'open') &&
      (by === undefined ||
        fold(annotation.creator.name) === by ||
        annotation.replies.some((reply) => fold(reply.creator.name) === by)),
  );
}

/**
 * One line per comment, for a terminal: place, status, who, when, id, the body's first line.
 *
 * @param comments Comments, as `listComments` gives them.
 * @returns Text.
 */
export function formatComments(comments: readonly ReviewedComment[]): string {
  return comments
    .map(({ annotation, file, line, place }) => {
      const where = place
        ? `${annotation.target.source}:${place.start.line}:${place.start.column}`
        : `${file.path}:${line} (orphaned)`;
      return `${where}  ${annotation.status}  ${firstLine(annotation.creator.name, 40)}  ${annotation.created.slice(0, 10)}  ${annotation.id}\n  ${firstLine(annotation.body.value)}${repliesNote(annotation)}\n`;
    })
    .join('');
}

/**
 * Mark a comment resolved (or open again).
 *
 * @param id The comment's id, as `review list` shows it.
 * @param options Root; `reopen` to open it again.
 * @returns The comment.
 * @throws UsageError for an id no comment has.
 */
export async function resolveComment(
  id: string,
  options: { root?: string; reopen?: boolean } = {},
): Promise<Annotation> {
  const root = options.root ?? process.cwd();
  const comments = await listComments({ root });
  const found = comments.find(({ annotation }) => annotation.id === id);
  if (!found) {
    const guess = suggest(
      id,
      comments.map(({ annotation }) => annotation.id),
      4,
    );
    throw new UsageError(`Unknown comment \`${id}\`${guess ? `; did you mean \`${guess}\`?` : ''}`);
  }
  const { annotation } = found;
  annotation.status = options.reopen ? 'open' : 'resolved';
  annotation.modified = new Date().toISOString();
  const source = annotation.target.source;
  await writeReview(root, source, commentsBySource(comments).get(source) ?? [annotation]);
  return annotation;
}

/**
 * Where each element of a JSON text's top-level array starts (offsets), for located messages.
 *
 * @param text JSON.
 * @returns Offsets, in order.
 */
function elementOffsets(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === '{' || char === '[') {
      if (depth === 1) starts.push(at);
      depth++;
    } else if (char === '}' || char === ']') depth--;
    else if (depth === 1 && !/[\s,]/.test(char ?? '')) starts.push(at);
  }
  return starts;
}

/** What an import did. */
export interface Imported {
  /** The file with its messages: nothing is written when it has an error. */
  file: VFile;
  added: number;
  updated: number;
}

/**
 * Import the comments a reviewer sent: a JSON list of comments (a `--review` site's export, or
 * `{ "comments": [...] }`), or a PDF draft they annotated in any reader (highlights and notes,
 * each found by the text under it). Each is checked as untrusted input, found in the current
 * text, and merged with the comments already kept (replies joined; the later change of status
 * wins). Nothing is written when any comment has a problem: each is a located message of the file.
 *
 * @param path The file, as the user named it.
 * @param options Root; the folder `path` is relative to.
 * @returns The file with its messages, and how many comments were added or updated.
 */
export async function importComments(path: string, options: { root?: string; cwd?: string } = {}): Promise<Imported> {
  const root = options.root ?? process.cwd();
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(options.cwd ?? process.cwd(), path));
  } catch (cause) {
    throw new UsageError(`Cannot read \`${path}\` (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  const pdf = bytes.subarray(0, 1024).includes('%PDF-');
  const text = pdf ? '' : bytes.toString('utf8');
  const file = new VFile({ path, value: text });
  const checked = await check({ root });
  const { sources } = checked.review;
  const items = pdf ? await pdfItems(file, bytes, checked, sources) : jsonItems(file, text);
  const touched = new Set<string>();
  const kept = commentsBySource(checked.review.comments);
  let added = 0;
  let updated = 0;
  for (const { value, place, label } of items) {
    try {
      const annotation = toAnnotation(value);
      const source = sources.get(annotation.target.source);
      if (!source)
        throw new AnnotationProblem(
          `expected \`target.source\` to be a file of the book, not \`${annotation.target.source}\``,
        );
      anchored(annotation, String(source.value));
      const comments = kept.get(annotation.target.source) ?? [];
      kept.set(annotation.target.source, comments);
      touched.add(annotation.target.source);
      if (mergeComment(comments, annotation).added) added++;
      else updated++;
    } catch (problem) {
      if (!(problem instanceof AnnotationProblem)) throw problem;
      error(file, `Unexpected comment ${label}: ${problem.message}`, place, 'review-format');
    }
  }
  if (hasErrors(file)) return { file, added: 0, updated: 0 };
  for (const source of touched) await writeReview(root, source, kept.get(source) ?? []);
  return { file, added, updated };
}

/** A comment to import, where it stands in its file, and how a message names it. */
interface Item {
  value: unknown;
  place: { line: number; column: number };
  label: string;
}

/** The comments of a JSON file; a file that is not a list of them is a located error. */
function jsonItems(file: VFile, text: string): Item[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (problem) {
    const at = Number(/position (\d+)/.exec((problem as Error).message)?.[1] ?? 0);
    error(
      file,
      `Unexpected file: expected comments as JSON, or a PDF (${(problem as Error).message})`,
      pointsOf(text)(at),
      'review-format',
    );
    return [];
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(list)) {
    error(
      file,
      'Unexpected file: expected a list of comments, or `{ "comments": [...] }`',
      { line: 1, column: 1 },
      'review-format',
    );
    return [];
  }
  // Each comment is located at its place in the file: the list, or the list after `"comments"`.
  const listStart = Array.isArray(parsed) ? 0 : text.indexOf('[', text.indexOf('"comments"'));
  const offsets = elementOffsets(text.slice(listStart)).map((offset) => offset + listStart);
  const points = pointsOf(text);
  return list.map((value: unknown, index) => ({ value, place: points(offsets[index] ?? 0), label: String(index + 1) }));
}

/**
 * The remarks of an annotated PDF draft as comments: each on the chapter or case its page
 * belongs to (by the PDF's named destinations) where its text is found, else on the one whose
 * text has it; one whose text no source has stays on its page's chapter or case, orphaned.
 */
async function pdfItems(
  file: VFile,
  bytes: Uint8Array,
  checked: CheckResult,
  sources: ReadonlyMap<string, VFile>,
): Promise<Item[]> {
  // Read once by pdf-lib: the remarks' names and replies, and the draft's destinations.
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false }).catch(() => undefined);
  let read: Awaited<ReturnType<typeof readPdfRemarks>>;
  try {
    read = await readPdfRemarks(bytes, doc);
  } catch (problem) {
    error(file, `Unexpected PDF: ${(problem as Error).message}`, { line: 1, column: 1 }, 'review-format');
    return [];
  }
  const edition = checked.editions.find((book) => book.settings.language === read.language) ?? checked.editions[0];
  // The page each chapter and case opens on, from the draft's destinations (named after their ids).
  const destinations: ReadonlyMap<string, Destination> = doc ? readDestinations(doc) : new Map();
  const parts = [...(edition?.chapters ?? []), ...(edition?.cases ?? [])]
    .map((part) => ({ path: part.path, page: destinations.get(printId(part.id))?.page }))
    .filter((part): part is { path: string; page: number } => part.page !== undefined)
    .sort((a, b) => a.page - b.page);
  const editionSources = [...sources.keys()].filter(
    (path) => !edition || [...edition.chapters, ...edition.cases].some((part) => part.path === path),
  );
  return read.remarks.map((remark) => {
    const onPage = parts.filter((part) => part.page <= remark.page).at(-1)?.path;
    const found = (path: string) => anchor(String(sources.get(path)?.value ?? ''), remark.quote);
    const source =
      (onPage && found(onPage) ? onPage : undefined) ??
      editionSources
        .map((path) => ({ path, match: found(path) }))
        .filter((entry) => entry.match !== undefined)
        .sort((a, b) => (a.match?.errors ?? 0) - (b.match?.errors ?? 0))[0]?.path ??
      onPage;
    const label = `on page ${remark.page}`;
    const body = remark.body || '(highlighted without a note)';
    return {
      place: { line: 1, column: 1 },
      label,
      value: {
        id: remark.id,
        created: remark.created,
        creator: { name: remark.author },
        body,
        target: {
          source: source ?? '(no chapter or case)',
          edition: edition?.settings.language ?? '',
          selector: [remark.quote],
        },
        status: 'open',
        replies: remark.replies.map((reply) => ({ ...reply, creator: { name: reply.author }, body: reply.body })),
      },
    };
  });
}
